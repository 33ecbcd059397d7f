"""A build from unchanged files takes its pages from the cache; any change is seen."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

import pytest
from conftest import mkdocs_build, write

from pilotbook import buildcache, stakeholders
from pilotbook.buildcache import RACY_NS, BuildCache, QuickKey, cache_folder
from pilotbook.handbook import Handbook
from pilotbook.site import build
from pilotbook.site.build import make_site

FROM_CACHE = "come from the cache"
KEES = "stakeholders/facilities/kees-van-leeuwen.yml"


def built_with(project: Path, site: Path, cache: Path, **env: str) -> str:
    """Build with the cache in `cache`; the build's log."""
    result = mkdocs_build(project, site, {"PILOTBOOK_CACHE_DIR": str(cache), **env})
    assert result.returncode == 0, result.stderr
    return result.stderr


def pages(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html") if p.is_file()
    }


def test_an_unchanged_handbook_is_built_from_the_cache_with_the_same_pages(project, tmp_path):
    cache = tmp_path / "cache"
    assert FROM_CACHE not in built_with(project, tmp_path / "one", cache)
    assert FROM_CACHE in built_with(project, tmp_path / "two", cache)
    first, second = pages(tmp_path / "one"), pages(tmp_path / "two")
    assert len(first) > 40
    assert first == second
    # One entry for the handbook and audience, private to the user.
    (entry,) = cache.iterdir()
    assert entry.stat().st_mode & 0o077 == 0
    assert cache.stat().st_mode & 0o077 == 0


def test_a_changed_file_is_seen_even_with_its_old_size_and_time(project, tmp_path):
    cache = tmp_path / "cache"
    built_with(project, tmp_path / "one", cache)
    path = project / KEES
    before = path.stat()
    path.write_text(path.read_text().replace("Kees van Leeuwen", "Kees van Leeuwin"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    log = built_with(project, tmp_path / "two", cache)
    assert FROM_CACHE not in log
    page = tmp_path / "two" / "stakeholders" / "people" / "facilities" / "kees-van-leeuwen"
    assert "Kees van Leeuwin" in (page / "index.html").read_text()


def test_settings_and_templates_are_part_of_what_the_cache_compares(project, tmp_path):
    cache = tmp_path / "cache"
    override = write(project, "theme/pages/external.md", "# Extern\n\nEerste versie\n")
    built_with(project, tmp_path / "one", cache)
    override.write_text("# Extern\n\nTweede versie\n")
    assert FROM_CACHE not in built_with(project, tmp_path / "two", cache)
    external = tmp_path / "two" / "stakeholders" / "external" / "index.html"
    assert "Tweede versie" in external.read_text()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("pilot: Videobellen", "pilot: Beeldbellen"))
    assert FROM_CACHE not in built_with(project, tmp_path / "three", cache)
    assert "Beeldbellen met klanten" in (tmp_path / "three/stakeholders/index.html").read_text()


def test_the_intranet_never_gets_the_teams_pages_from_the_cache(project, tmp_path):
    cache = tmp_path / "cache"
    team = tmp_path / "team"
    built_with(project, team, cache, PILOTBOOK_AUDIENCE="team")
    assert any("Kees van Leeuwen" in p.decode() for p in pages(team).values())
    for name in ("one", "two"):
        built_with(project, tmp_path / name, cache, PILOTBOOK_AUDIENCE="intranet")
        assert not any("Kees van Leeuwen" in p.decode() for p in pages(tmp_path / name).values())
    assert FROM_CACHE in built_with(project, tmp_path / "three", cache, PILOTBOOK_AUDIENCE="team")


def _tamper(cache: Path) -> None:
    (entry,) = cache.iterdir()
    text = entry.read_text(encoding="utf-8").replace("Kees van Leeuwen", "Tampered Name")
    entry.write_text(text, encoding="utf-8")


def test_an_entry_others_could_have_written_is_not_used(project, tmp_path):
    cache = tmp_path / "cache"
    built_with(project, tmp_path / "one", cache)
    _tamper(cache)
    cache.chmod(0o777)
    try:
        log = built_with(project, tmp_path / "two", cache)
    finally:
        cache.chmod(0o700)
    assert FROM_CACHE not in log
    assert not any("Tampered Name" in p.decode() for p in pages(tmp_path / "two").values())
    # The same entry in a private folder is trusted: the test's tampering is real.
    (entry,) = cache.iterdir()
    entry.chmod(0o600)
    _tamper(cache)
    assert FROM_CACHE in built_with(project, tmp_path / "three", cache)
    assert any("Tampered Name" in p.decode() for p in pages(tmp_path / "three").values())


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"key": 1}', "\udcff"])
def test_a_damaged_entry_is_made_again(project, tmp_path, garbage):
    cache = tmp_path / "cache"
    built_with(project, tmp_path / "one", cache)
    (entry,) = cache.iterdir()
    entry.write_bytes(garbage.encode(errors="surrogateescape"))
    assert FROM_CACHE not in built_with(project, tmp_path / "two", cache)
    assert pages(tmp_path / "one") == pages(tmp_path / "two")
    assert json.loads(entry.read_text(encoding="utf-8"))["key"]


def _text_is_a_number(payload):
    payload["pages"][0][1] = 42


def _line_is_infinite(payload):
    payload["warnings"].append(["x.yml", float("inf"), 1, "warning", "m", "yaml-syntax"])


@pytest.mark.parametrize("damage", [_text_is_a_number, _line_is_infinite])
def test_a_payload_of_the_wrong_shape_is_made_again(project, tmp_path, damage):
    cache = tmp_path / "cache"
    built_with(project, tmp_path / "one", cache)
    (entry,) = cache.iterdir()
    stored = json.loads(entry.read_text(encoding="utf-8"))
    damage(stored["payload"])
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert FROM_CACHE not in built_with(project, tmp_path / "two", cache)
    assert pages(tmp_path / "one") == pages(tmp_path / "two")


def test_a_broken_file_fails_every_build_and_a_fixed_one_builds(project, tmp_path):
    cache = tmp_path / "cache"
    built_with(project, tmp_path / "one", cache)
    path = project / KEES
    good = path.read_text()
    path.write_text(good.replace("impact:", "impakt:"))
    for name in ("two", "three"):
        result = mkdocs_build(project, tmp_path / name, {"PILOTBOOK_CACHE_DIR": str(cache)})
        assert result.returncode == 1
        assert f"{KEES}:5:3: error:" in result.stderr
    path.write_text(good)
    assert FROM_CACHE in built_with(project, tmp_path / "four", cache)


def test_ci_and_the_off_switch_build_without_a_cache(project, tmp_path):
    home = tmp_path / "home"
    env = {"XDG_CACHE_HOME": str(home), "PILOTBOOK_CACHE_DIR": ""}
    for switch in ({"CI": "true"}, {"TF_BUILD": "True"}, {"PILOTBOOK_CACHE": "off"}):
        result = mkdocs_build(project, tmp_path / "site", {**env, **switch})
        assert result.returncode == 0, result.stderr
        assert not home.exists()
    result = mkdocs_build(project, tmp_path / "site", {**env, "CI": "", "TF_BUILD": ""})
    assert result.returncode == 0, result.stderr
    assert len(list((home / "pilotbook").iterdir())) == 1


def test_where_the_cache_is_kept(tmp_path):
    handbook = tmp_path / "handbook"
    assert cache_folder({"XDG_CACHE_HOME": "/var/cache/me"}, handbook) == Path(
        "/var/cache/me/pilotbook"
    )
    assert (
        cache_folder({"HOME": str(tmp_path / "me")}, handbook) == tmp_path / "me/.cache/pilotbook"
    )
    # Never inside the handbook by default, even for a handbook kept as the home folder.
    assert cache_folder({"HOME": str(handbook)}, handbook) is None
    assert cache_folder({"XDG_CACHE_HOME": str(handbook / ".cache")}, handbook) is None
    # Where the user asks for it, also in CI; off wins over everything.
    explicit = {"PILOTBOOK_CACHE_DIR": str(handbook / ".cache"), "CI": "true"}
    assert cache_folder(explicit, handbook) == handbook / ".cache"
    assert cache_folder({**explicit, "PILOTBOOK_CACHE": "OFF"}, handbook) is None
    assert cache_folder({"CI": "true", "HOME": str(tmp_path)}, handbook) is None
    # A link to the handbook is the handbook; a relative XDG folder is ignored (XDG).
    handbook.mkdir()
    (tmp_path / "link").symlink_to(handbook)
    assert cache_folder({"HOME": str(tmp_path / "link")}, handbook) is None
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path / "link/.c")}, handbook) is None
    relative = {"XDG_CACHE_HOME": "relative/cache", "HOME": str(tmp_path / "me")}
    assert cache_folder(relative, handbook) == tmp_path / "me" / ".cache" / "pilotbook"


def _sample(project: Path) -> Handbook:
    return Handbook(project / "stakeholders", base_dir=project, audience="team")


def _later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Builds from now on run `seconds` after the files were last changed."""
    now = time.time_ns() + int(seconds * 1e9)
    monkeypatch.setattr(buildcache.time, "time_ns", lambda: now)


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    real = stakeholders.read_regular_file

    def read(path: str | Path, limit: int = stakeholders.MAX_BYTES, **how: bool) -> bytes:
        reads.append(Path(path))
        return real(path, limit, **how)

    monkeypatch.setattr(stakeholders, "read_regular_file", read)
    return reads


def test_long_after_the_last_change_a_build_reads_no_file(project, tmp_path, monkeypatch):
    cache = BuildCache(tmp_path / "cache")
    _later(monkeypatch, 60)
    first = make_site(_sample(project), cache)
    reads = _counting_reads(monkeypatch)
    again = make_site(_sample(project), cache)
    assert again.cached and not reads
    assert again.pages == first.pages
    # A changed file changes what a stat says: everything is read and made again.
    path = project / KEES
    path.write_text(path.read_text().replace("Kees van Leeuwen", "Kees van Leeuwin"))
    changed = make_site(_sample(project), cache)
    assert not changed.cached and reads
    assert any("Kees van Leeuwin" in page.content for page in changed.pages)


def test_what_a_build_looked_up_is_not_looked_up_again(project, tmp_path, monkeypatch):
    cache = BuildCache(tmp_path / "cache")
    handbook = _sample(project)
    found = build.look_up(handbook, cache)
    assert found is not None and found.site is None  # nothing cached yet
    walks = []
    real_stats = build.stats_below

    def stats_below(folder: Path, **how: bool):
        walks.append(folder)
        return real_stats(folder, **how)

    monkeypatch.setattr(build, "stats_below", stats_below)
    made = make_site(handbook, cache, found)
    assert not made.cached and made.pages
    assert handbook.stakeholders_dir not in walks
    # Without it, the build looks for itself, and now finds its own pages.
    assert make_site(handbook, cache).cached
    assert handbook.stakeholders_dir in walks


def test_right_after_a_change_a_build_compares_contents(project, tmp_path, monkeypatch):
    """A file changed twice within one tick of the file system's clock keeps its
    size and times: a stat cannot tell, so the files changed just before a build are
    compared by content the next time too."""
    cache = BuildCache(tmp_path / "cache")
    _later(monkeypatch, 1)
    make_site(_sample(project), cache)
    reads = _counting_reads(monkeypatch)
    again = make_site(_sample(project), cache)
    assert again.cached and len(reads) > 30
    # Once the files are old enough, the entry learns it and a stat does.
    _later(monkeypatch, 60)
    make_site(_sample(project), cache)
    reads.clear()
    assert make_site(_sample(project), cache).cached and not reads


def _stat(changed_ns: int) -> os.stat_result:
    """A regular file's stat, last changed (and modified) at `changed_ns`."""
    seconds = changed_ns // 10**9
    return os.stat_result(
        (0o100644, 1, 1, 1, 0, 0, 10, seconds, seconds, seconds)
        + (float(seconds),) * 3
        + (changed_ns, changed_ns, changed_ns)
    )


def test_a_stat_is_trusted_only_for_files_changed_well_before_the_build():
    key = QuickKey("settings")
    key.add_stat("a.yml", _stat(key.started - RACY_NS - 1))
    assert key.trusted
    key.add_stat("b.yml", _stat(key.started - RACY_NS // 2))
    assert not key.trusted


def test_a_template_saved_while_the_pages_are_made_is_not_kept(project, tmp_path, monkeypatch):
    """Jinja reads the templates again to render them: pages made from a template
    saved in between must not be stored under the contents read before."""
    template = write(project, "theme/pages/external.md", "# Extern\n\nEERSTE\n")
    handbook = dataclasses.replace(_sample(project), templates_dir=project / "theme" / "pages")
    made = build._made

    def saved_meanwhile(result, handbook):
        template.write_text("# Extern\n\nTWEEDE\n")
        return made(result, handbook)

    monkeypatch.setattr(build, "_made", saved_meanwhile)
    cache = BuildCache(tmp_path / "cache")
    make_site(handbook, cache)
    monkeypatch.setattr(build, "_made", made)
    template.write_text("# Extern\n\nEERSTE\n")
    again = make_site(handbook, cache)
    assert not again.cached
    (external,) = [p for p in again.pages if p.path.endswith("external.md")]
    assert "EERSTE" in external.content


def test_templates_deeper_than_a_handbook_goes_are_never_cached(project, tmp_path):
    deep = "/".join(["d"] * 34)
    write(project, f"theme/pages/{deep}/part.md", "deel\n")
    cache = tmp_path / "cache"
    built_with(project, tmp_path / "one", cache)
    assert FROM_CACHE not in built_with(project, tmp_path / "two", cache)


def test_pilotbooks_own_files_count_by_content_not_by_their_times(tmp_path):
    package = tmp_path / "package"
    path = write(package, "site/templates/page.md", "version one\n")
    before = path.stat()
    first = buildcache.files_digest(package)
    path.write_text("version two\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert buildcache.files_digest(package) != first


def test_in_memory_too_a_change_with_its_old_size_and_time_is_seen(project, tmp_path):
    """`mkdocs serve` keeps its pages in memory between rebuilds, with the same checks."""
    cache = BuildCache(None)
    make_site(_sample(project), cache)
    assert make_site(_sample(project), cache).cached
    path = project / KEES
    before = path.stat()
    path.write_text(path.read_text().replace("Kees van Leeuwen", "Kees van Leeuwin"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed = make_site(_sample(project), cache)
    assert not changed.cached
    assert any("Kees van Leeuwin" in page.content for page in changed.pages)
