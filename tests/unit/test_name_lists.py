"""The census name lists and the English-word filter that the name recognizer leans on."""

from __future__ import annotations

from guards.phi.name_lists import census_first_names, census_surnames, is_common_english, is_surname


def test_lists_are_loaded_from_the_census_files():
    assert len(census_first_names()) > 4500
    assert len(census_surnames()) > 80000


def test_ordinary_english_words_are_not_names():
    for word in ("rose", "brown", "long", "church", "will", "may", "street"):
        assert is_common_english(word)
        assert word not in census_first_names() and word not in census_surnames()


def test_rare_names_stay():
    assert {"siobhan", "joana", "lupe", "gustavo"} <= census_first_names()
    for name in ("Ferreira", "Papadopoulos", "Bhattacharya", "Okeke", "Quispe", "Herrera-Lima"):
        assert is_surname(name), name


def test_apostrophes_are_ignored_as_the_census_writes_them():
    assert is_surname("O'Neill") and is_surname("O’Neill")
    assert not is_surname("Thrombocytopenic")


def test_world_names_fill_what_the_census_lacks():
    from guards.phi.recognizers.name_words import first_names, world_first_names

    world = world_first_names()
    assert len(world) > 500
    for name in ("priyanka", "thandiwe", "dmitri", "oluwaseun", "xiuying", "aroha", "joaquín", "wanjiru"):
        assert name in world and name in first_names(), name
        assert name not in census_first_names(), name


def test_world_names_drop_english_and_clinical_words(tmp_path):
    from guards.phi.recognizers.name_words import read_names

    path = tmp_path / "names.txt"
    path.write_text("# a comment line\nthandiwe street warfarin\nkwabena will\n", encoding="utf-8")
    assert read_names(path, drop_words=True) == {"thandiwe", "kwabena"}
    assert read_names(path) == {"thandiwe", "street", "warfarin", "kwabena", "will"}
