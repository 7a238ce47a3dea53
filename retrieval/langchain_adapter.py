"""A LangChain ``BaseRetriever`` over the hybrid index, for users composing their own chains."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class MedassistRetriever(BaseRetriever):
    """Scoped hybrid search: literature always, records only of ``patient_id``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Any
    k: int = 5
    patient_id: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        hits = self.retriever.search(query, k=self.k, patient_id=self.patient_id)
        return [LCDocument(page_content=h.text, id=h.id,
                           metadata={"id": h.id, "score": h.score, "source": h.source, "title": h.title, "url": h.url,
                                     "patient_id": h.patient_id}) for h in hits]
