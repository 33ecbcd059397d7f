"""A build from unchanged files takes its pages from the cache; any change is seen."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_sample, mkdocs_build, write

from pilotbook.build import cache as buildcache
from pilotbook.build import site as build
from pilotbook.build.cache import RACY_NS, BuildCache, QuickKey, cache_folder
from pilotbook.build.site import make_site
from pilotbook.config.handbook import Handbook
from pilotbook.records import files as record_files
from pilotbook.records.stakeholders import STAKEHOLDERS

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


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A copy of the sample built once with a cache: the copy (which the tests only
    read), the site and the cache folder that build left."""
    root = tmp_path_factory.mktemp("cached")
    project = copy_sample(root / "handbook")
    built_with(project, root / "site", root / "cache")
    return project, root / "site", root / "cache"


@pytest.fixture
def first_build(built_once, tmp_path) -> tuple[Path, Path, Path]:
    """The sample after its first build: the project, that build's site, and a copy of
    the cache it left (modes too) in `tmp_path`, for the test to change."""
    project, site, cache = built_once
    shutil.copytree(cache, tmp_path / "cache")
    return project, site, tmp_path / "cache"


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


def _owner(cache: Path) -> str:
    """Whom the one entry in `cache` was written for."""
    (path,) = cache.iterdir()
    return json.loads(path.read_bytes().partition(b"\n")[0])["owner"]


def _rewrite(cache: Path, change: Callable[[dict], None], secret: str = "") -> None:
    """Change the pages of the one entry in `cache` and seal it again, as a build would:
    what someone who may write the folder can do."""
    owner = _owner(cache)
    store = BuildCache(cache, secret)
    entry = store.get(owner)
    assert entry is not None
    change(entry.payload)
    store.put(owner, entry)


def _renamed(payload: dict) -> None:
    for page in payload["pages"]:
        page[1] = page[1].replace("Kees van Leeuwen", "Tampered Name")


def _tamper(cache: Path) -> None:
    """Change the pages of the one entry in `cache`, without sealing it again."""
    (entry,) = cache.iterdir()
    data = entry.read_bytes().replace(b"Kees van Leeuwen", b"Tampered Name")
    entry.write_bytes(data)


def test_an_entry_others_could_have_written_is_not_used(first_build, tmp_path):
    project, _, cache = first_build
    _rewrite(cache, _renamed)
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
    _rewrite(cache, _renamed)
    assert FROM_CACHE in built_with(project, tmp_path / "three", cache)
    assert any("Tampered Name" in p.decode() for p in pages(tmp_path / "three").values())


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"key": 1}', "\udcff", "{}\n{}"])
def test_a_damaged_entry_is_made_again(first_build, tmp_path, garbage):
    project, one, cache = first_build
    (entry,) = cache.iterdir()
    owner = _owner(cache)
    entry.write_bytes(garbage.encode(errors="surrogateescape"))
    assert FROM_CACHE not in built_with(project, tmp_path / "two", cache)
    assert pages(one) == pages(tmp_path / "two")
    assert BuildCache(cache).get(owner) is not None


def _text_is_a_number(payload):
    payload["pages"][0][1] = 42


def _line_is_infinite(payload):
    payload["warnings"].append(["x.yml", float("inf"), 1, "warning", "m", "yaml-syntax"])


@pytest.mark.parametrize("damage", [_text_is_a_number, _line_is_infinite])
def test_a_payload_of_the_wrong_shape_is_made_again(first_build, tmp_path, damage):
    project, one, cache = first_build
    _rewrite(cache, damage)
    assert FROM_CACHE not in built_with(project, tmp_path / "two", cache)
    assert pages(one) == pages(tmp_path / "two")


def _add_page(path: str) -> Callable[[dict], None]:
    def change(payload: dict) -> None:
        payload["pages"].append([path, "# Crafted\n\nNot made by this build\n", True, None])

    return change


@pytest.mark.parametrize("where", ["../escaped.md", "stakeholders/../../escaped.md", "absolute"])
def test_a_crafted_entry_writes_nothing_outside_the_site(first_build, tmp_path, where):
    """An entry in a cache that others can write (a CI cache a fork's pull request
    writes to, say) with a page path that leaves the site is never used."""
    project, one, cache = first_build
    outside = tmp_path / "outside"
    _rewrite(cache, _add_page(f"{outside}/escaped.md" if where == "absolute" else where))
    log = built_with(project, tmp_path / "two", cache)
    assert FROM_CACHE not in log
    assert not list(tmp_path.rglob("escaped*"))
    assert not list(project.parent.rglob("escaped*"))
    assert pages(one) == pages(tmp_path / "two")
    # The entry was made again from the files: the crafted page is gone from it too.
    (entry,) = cache.iterdir()
    assert b"Crafted" not in entry.read_bytes()
    assert FROM_CACHE in built_with(project, tmp_path / "three", cache)


def _edited_elsewhere(payload: dict) -> None:
    payload["pages"][-1][3] = "javascript:alert(1)"


def _twice(payload: dict) -> None:
    payload["pages"].append(payload["pages"][0])


def _an_error(payload: dict) -> None:
    payload["warnings"].append(["x.yml", 1, 1, "error", "m", "yaml-syntax"])


def _no_board(payload: dict) -> None:
    payload["board"] = None


def _line_zero(payload: dict) -> None:
    payload["warnings"].append(["x.yml", 0, 1, "warning", "m", "yaml-syntax"])


def _line_as_text(payload: dict) -> None:
    payload["warnings"].append(["x.yml", "3", 1, "warning", "m", "yaml-syntax"])


CRAFTED = [
    _add_page(path)
    for path in (
        "../x.md",
        "/etc/x.md",
        "stakeholders/../x.md",
        "stakeholders/./x.md",
        "stakeholders\\x.md",
        "stakeholders/people\\..\\..\\x.md",
        "C:/x.md",
        "stakeholders/c:x.md",
        "stakeholders//x.md",
        "stakeholders/.x.md",
        "stakeholders/.hidden/x.md",
        "stakeholders/x.html",
        "stakeholders/x",
        "stakeholders/",
        "stakeholders/X.md",
        "stakeholders/x.md\n",
        "other/x.md",
        "x.md",
        "",
    )
] + [_edited_elsewhere, _twice, _an_error, _no_board, _line_zero, _line_as_text]


@pytest.mark.parametrize("craft", CRAFTED)
def test_an_entry_is_used_only_as_the_build_would_make_it(project, tmp_path, monkeypatch, craft):
    """Even where a stat of every file says nothing changed, the pages of an entry that
    this build would not have made are made again, and the entry with them."""
    _later(monkeypatch, 60)
    folder = tmp_path / "cache"
    made = make_site(_sample(project), BuildCache(folder))
    assert make_site(_sample(project), BuildCache(folder)).cached
    _rewrite(folder, craft)
    again = make_site(_sample(project), BuildCache(folder))
    assert not again.cached
    assert again.pages == made.pages and again.warnings == made.warnings
    stored = BuildCache(folder).get(_owner(folder))
    assert stored is not None
    assert stored.payload == json.loads(json.dumps(made.to_json()))


def test_an_entry_is_used_only_for_what_and_as_it_was_written(project, tmp_path):
    """An entry is sealed with a digest of whom it is for, its key and its pages: a
    copy under another handbook's or audience's name, or a change, is not used."""
    folder = tmp_path / "cache"
    make_site(_sample(project), BuildCache(folder))
    owner = _owner(folder)
    (path,) = folder.iterdir()
    intranet = build.owner_of(dataclasses.replace(_sample(project), audience="intranet"))
    copy = BuildCache(folder)._entry(intranet)
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    assert BuildCache(folder).get(owner) is not None
    assert BuildCache(folder).get(intranet) is None
    copy.unlink()
    _tamper(folder)
    assert BuildCache(folder).get(owner) is None
    # Whatever a seal is made of, it is compared, not used.
    for seal in ("é", "\udcff", 7, None):
        header = {"owner": owner, "key": "k", "quick": None, "seal": seal}
        path.write_bytes(json.dumps(header).encode() + b"\n{}")
        assert BuildCache(folder).get(owner) is None


def test_with_a_secret_only_entries_sealed_with_it_are_used(project, tmp_path, monkeypatch):
    """Where only the builds that publish know `PILOTBOOK_CACHE_SECRET`, an entry that
    anyone else wrote (a pull request's build, without it) is made again."""
    folder = tmp_path / "cache"
    make_site(_sample(project), BuildCache(folder, secret=""))
    owner = _owner(folder)
    monkeypatch.setenv(buildcache.SECRET_VARIABLE, "only the main branch knows")
    assert BuildCache(folder).get(owner) is None
    assert not make_site(_sample(project), BuildCache(folder)).cached
    assert make_site(_sample(project), BuildCache(folder)).cached
    assert BuildCache(folder, secret="another").get(owner) is None
    assert BuildCache(folder, secret="").get(owner) is None


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
    real = record_files.read_regular_file

    def read(path: str | Path, limit: int = record_files.MAX_BYTES, **how: bool) -> bytes:
        reads.append(Path(path))
        return real(path, limit, **how)

    monkeypatch.setattr(record_files, "read_regular_file", read)
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


@dataclasses.dataclass(frozen=True)
class _WithCallers(Handbook):
    """A handbook with the folder of a second record kind."""

    callers_dir: Path = Path("callers")


def test_the_key_covers_the_folder_of_every_registered_kind(project, tmp_path, monkeypatch):
    """Files of a kind the screening does not read yet still make the pages again when
    they change: a new kind's pages would otherwise be served stale."""
    callers = dataclasses.replace(
        STAKEHOLDERS,
        name="caller",
        plural="callers",
        folder_option="callers_dir",
        missing_folder=None,  # a folder the handbook may not have
    )
    monkeypatch.setattr(build, "KINDS", (STAKEHOLDERS, callers))
    cache = BuildCache(tmp_path / "cache")
    handbook = _WithCallers(
        project / "stakeholders", base_dir=project, audience="team", callers_dir=project / "c"
    )
    _later(monkeypatch, 60)
    assert not make_site(handbook, cache).cached
    assert make_site(handbook, cache).cached  # no callers folder yet
    write(project, "c/anna.yml", "name: Anna\n")
    assert not make_site(handbook, cache).cached
    assert make_site(handbook, cache).cached
    write(project, "c/anna.yml", "name: Anne\n")
    assert not make_site(handbook, cache).cached
    _later(monkeypatch, 120)
    assert make_site(handbook, cache).cached
    reads = _counting_reads(monkeypatch)
    write(project, "c/bram.yml", "name: Bram\n")
    assert not make_site(handbook, cache).cached
    assert project / "c/bram.yml" in reads


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
