"""Reading ease that does not flatter: syllables from a pronouncing dictionary, hyphenation only for
the words it lacks, Flesch's formula with nothing rounded, and the same measure in every language
the site may be written in."""

from __future__ import annotations

import socket

import pytest

from workshop.model import readability, syllables
from workshop.model.language import LANGUAGES
from project_factory import Project


@pytest.mark.parametrize("word, expected", [
    ("really", 2), ("everything", 3), ("power", 2), ("evaluation", 5),   # hyphenation undercounts these
    ("the", 1), ("table", 2), ("partnership", 3), ("responsibility", 6),
])
def test_syllables_come_from_the_pronouncing_dictionary(word, expected):
    assert syllables.count(word) == expected


def test_a_british_spelling_has_the_syllables_of_the_american_one():
    for british, american in [("organisation", "organization"), ("colour", "color"), ("programmes", "programs"),
                              ("prioritise", "prioritize"), ("centre", "center"), ("modelling", "modeling"),
                              ("organisational", "organizational")]:
        assert syllables.count(british) == syllables.count(american), british


def test_hyphenated_words_possessives_and_numbers():
    assert syllables.count("co-production") == syllables.count("co") + syllables.count("production") == 4
    assert syllables.count("Manager's") == syllables.count("manager") == 3
    assert syllables.count("carers'") == syllables.count("carers")
    assert syllables.count("2018") == 1


def test_a_word_the_dictionary_lacks_is_hyphenated_in_the_site_language():
    import pyphen

    word = "zorblatunkation"   # in no dictionary
    assert syllables.from_dictionary(word) is None
    for language in ("en_GB", "en_US"):
        points = len(pyphen.Pyphen(lang=language).positions(word))
        assert points and syllables.count(word, language) == points + 1


def test_a_word_hyphenation_cannot_split_falls_back_to_its_vowel_groups():
    assert syllables.vowel_groups("make") == 1       # a silent final e
    assert syllables.vowel_groups("zable") == 2      # but not in -le
    assert syllables.vowel_groups("qrst") == 1       # never none
    assert syllables.from_dictionary("zzxq") is None and syllables.count("zzxq") == 1


def test_flesch_is_computed_exactly_with_nothing_rounded():
    text = "The cat sat on the mat. The dog ran."          # 9 words of one syllable, 2 sentences
    found = readability.measure(text)
    assert (found.words, found.sentences, found.syllables) == (9, 2, 9)
    assert readability.reading_ease(text) == pytest.approx(206.835 - 1.015 * 9 / 2 - 84.6 * 9 / 9, abs=1e-9)


def test_one_more_syllable_moves_the_score_by_its_share_not_by_a_rounded_step():
    """textstat 0.7.3 rounded syllables a word to a tenth, so scores moved in steps of 8.46 points."""
    base = "We sat in the sun and we had a cup of tea. Then we went home to bed and we had a nap."
    longer = base.replace("a nap", "a rest") .replace("sun", "sunshine")       # one more syllable
    one, two = readability.measure(base), readability.measure(longer)
    assert (two.words, two.sentences, two.syllables) == (one.words, one.sentences, one.syllables + 1)
    assert readability.reading_ease(base) - readability.reading_ease(longer) == pytest.approx(84.6 / one.words)


def test_citations_links_and_markup_are_not_read():
    marked = "We **share** the [plan](plan.md) with everyone [@example2018plan]. <!-- a note --> They agree."
    assert readability.measure(marked) == readability.measure("We share the plan with everyone. They agree.")


def test_fragments_of_two_words_are_not_sentences():
    assert readability.sentences("We met on a Monday, e.g. in May. Then we all went home.") == 2


def test_a_score_shown_in_a_message_is_never_rounded_up_past_the_limit():
    assert readability.shown(59.96) == "59.9"
    assert readability.shown(60.0) == "60.0"


def test_the_dictionary_is_read_from_the_installed_package_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the pronouncing dictionary tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    syllables.dictionary.cache_clear()
    assert syllables.dictionary()["really"] == 2


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_checker_measures_summaries_in_the_site_language(tmp_path, code):
    project = Project(tmp_path / "p")
    project.config["extra"]["workshop"]["language"] = code
    project.config["extra"]["readability"] = {"kinds": ["concept"], "words": 60, "reading_ease": 60}
    summary = ("!!! summary \"In brief\"\n\n    Co-production means people work on a study together. "
               "They share the say over what it asks.\n")
    project.write("docs/definitions.md", project.files["docs/definitions.md"].replace(
        "# Definitions\n", "# Definitions\n\n" + summary))
    result = project.check()
    assert result.returncode == 0, result.stdout


def test_an_unknown_language_is_reported_by_the_schema(tmp_path):
    project = Project(tmp_path / "p")
    project.config["extra"]["workshop"]["language"] = "fr-FR"
    result = project.check()
    assert result.returncode == 1 and "mkdocs.yml:" in result.stdout and "language" in result.stdout
