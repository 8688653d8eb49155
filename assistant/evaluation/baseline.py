"""The plain RAG baseline the evaluation compares against (not a product path).

What a team would build first with LangChain: dense retrieval of the top
four chunks (LangChain's retriever default), the chunks stuffed into one
prompt, the same model asked for a free-text answer, no checks. Every
stuffed chunk counts as a citation (quote: the chunk text); the answer counts
as ``no_information`` when it says the context has nothing.
"""

from __future__ import annotations

import re
import time
from typing import Any

from assistant.backends.llm import ChatModel, Message
from assistant.domain import Answer, Citation, Inquiry, Question
from assistant.drafting.retrieve import Retriever, query_text
from assistant.prompts import Prompts

TOP_K = 4
_NOTHING = re.compile(
    r"keine informationen|keine angaben|nicht (?:im kontext )?(?:enthalten|bekannt|angegeben)|liegen .{0,30}nicht vor",
    re.IGNORECASE,
)


def _chain(llm: ChatModel, prompts: Prompts) -> Any:
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnableLambda

    template = ChatPromptTemplate.from_messages(
        [("human", prompts.render("baseline.txt", context="{context}", question="{question}"))]
    )
    chat = getattr(llm, "langchain", None)
    if chat is None:  # a test double: same chain, our Protocol underneath

        def call(prompt_value: Any) -> str:
            return llm.complete([Message("user", prompt_value.to_string())]).text

        chat = RunnableLambda(call)
    return template | chat | StrOutputParser()


class PlainRag:
    def __init__(self, llm: ChatModel, retriever: Retriever, prompts: Prompts) -> None:
        self._chain = _chain(llm, prompts)
        self._retriever = retriever
        self.name = f"{llm.name} (plain RAG)"

    def answer(self, question: Question, inquiry: Inquiry) -> Answer:
        started = time.perf_counter()
        passages = self._retriever.ranked(query_text(question, inquiry), mode="dense")[:TOP_K]
        context = "\n\n".join(p.chunk.text for p in passages)
        text = str(self._chain.invoke({"context": context, "question": question.text})).strip()
        nothing = bool(_NOTHING.search(text)) and len(text) < 200
        citations = tuple(
            Citation(f"[{n}]", p.chunk.source_id, p.chunk.title, p.chunk.text) for n, p in enumerate(passages, 1)
        )
        return Answer(
            question_id=question.id,
            status="no_information" if nothing else "answered",
            text=text,
            citations=() if nothing else citations,
            model=self.name,
            seconds=time.perf_counter() - started,
        )

    def run(self, inquiry: Inquiry) -> list[Answer]:
        return [self.answer(q, inquiry) for q in inquiry.answerable()]
