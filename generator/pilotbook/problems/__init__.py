"""Problems with a position and a stable code, and what each code means."""
