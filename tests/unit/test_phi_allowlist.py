"""The allow-list's reading of what follows a proposed name: a clinical head noun or a known eponym makes it
clinical; an ordinary surname before "disease" does not."""

from __future__ import annotations

import pytest

from guards.phi.allowlist import clinical_next


@pytest.mark.parametrize("text, word, clinical", [
    ("diagnosed with Graves disease", "Graves", True),
    ("data from the ARISTOTLE study", "ARISTOTLE", True),
    ("findings from the GUSTO trial", "GUSTO", True),
    ("diagnosed with Lou Gehrig’s disease", "Lou", True),  # a two-word eponym
    ("John Smith's disease has progressed", "John", False),  # Smith is no eponym: John stays a name
    ("Anna Gehrig came in today", "Anna", False),  # an eponym's word, but nothing clinical after it
])
def test_what_follows_a_word_makes_it_clinical_or_not(text, word, clinical):
    assert clinical_next(text, text.index(word) + len(word)) is clinical
