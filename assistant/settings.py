"""Typed, layered settings.

Precedence (lowest to highest): built-in defaults, ``assistant.toml`` in the
working directory (or the file given with ``--config``), ``ASSISTANT_*``
environment variables. Nested keys use a double underscore in the
environment: ``ASSISTANT_LLM__BACKEND=openai``. Unknown keys are an error in
every layer, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import ConfigError

ENV_PREFIX = "ASSISTANT_"
DEFAULT_CONFIG_FILE = "assistant.toml"

DEFAULT_LLM_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
DEFAULT_EMBEDDING_DIR = "embeddinggemma-300m"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LLMSettings(_Section):
    backend: Literal["llama_cpp", "openai"] = "llama_cpp"
    model_path: Path | None = Field(default=None, description="GGUF file; default: the packaged model in models_dir")
    model: str = Field(
        default="qwen2.5-coder-1.5b-instruct-q4_k_m",
        description="model name reported in drafts and sent to an OpenAI-compatible server",
    )
    base_url: str | None = Field(default=None, description="OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1")
    api_key: str = "not-needed"
    json_mode: Literal["json_object", "json_schema"] = Field(
        default="json_object",
        description="how a server is asked for schema-constrained JSON (llama.cpp: json_object, vLLM: json_schema)",
    )
    n_ctx: int = Field(default=4096, ge=512)
    n_threads: int | None = Field(default=None, ge=1, description="default: all CPU cores")
    n_batch: int = Field(default=512, ge=8, description="prompt tokens evaluated per step")
    max_tokens: int = Field(default=350, ge=16)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    timeout_s: float = Field(default=300.0, gt=0)


class EmbeddingSettings(_Section):
    backend: Literal["sentence_transformers"] = "sentence_transformers"
    model_path: Path | None = Field(
        default=None, description="sentence-transformers directory; default: the packaged model"
    )
    device: str = "cpu"
    batch_size: int = Field(default=16, ge=1)


class VectorStoreSettings(_Section):
    backend: Literal["chroma"] = "chroma"
    path: Path | None = Field(default=None, description="embedded Chroma directory; default: <data_dir>/chroma")
    url: str | None = Field(default=None, description="Chroma server, e.g. http://127.0.0.1:8000")


class RetrievalSettings(_Section):
    mode: Literal["hybrid", "dense", "keyword"] = "hybrid"
    top_k: int = Field(default=5, ge=1, le=20)
    candidates: int = Field(default=20, ge=1, le=200, description="passages per side before fusion")
    min_score: float = Field(
        default=0.40,
        ge=-1.0,
        le=1.0,
        description="cosine similarity below which a passage is not evidence (see docs/decisions)",
    )


class DraftingSettings(_Section):
    passages: int = Field(default=3, ge=1, le=20, description="retrieved passages the model reads (of retrieval.top_k)")
    passage_chars: int = Field(
        default=320, ge=80, description="characters of each passage shown to the model (most relevant sentences)"
    )
    max_sentences: int = Field(default=3, ge=1, le=10, description="sentences the model may write per answer")
    min_support: float = Field(
        default=0.7,
        ge=0.0,
        le=1.0,
        description="share of a sentence's own words its quote must contain (calibrated, decision record 0006)",
    )
    statement_min_share: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="share of a motion demand's words (weighted by rarity) a sentence of its Sachstand must contain",
    )
    part_min_share: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="share of one part of a multi-part question (its words, weighted by rarity, without the "
        "subject's names) a source sentence must hold to complete a draft that leaves the part unanswered",
    )
    statement_max_unnamed: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="share of what a motion demand names (its nouns, weighted by rarity) that no source mentions, "
        "from which its Sachstand says the administration has no findings instead of quoting the nearest passages",
    )
    statement_figure_share: float = Field(
        default=0.4,
        ge=0.0,
        le=1.0,
        description="share of what a motion demand asks to be counted or summed (its words, weighted by rarity) "
        "a source sentence stating a number must hold; below it in every sentence, its Sachstand says the "
        "administration has no such figure",
    )
    question_figure_share: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="the same for a question that asks only figures ('Wie viele Widersprüche …?'): below it in "
        "every sentence stating a number, the answer says the administration has no such figure (lower than "
        "for a demand: a question's words are fewer, and an answer from data goes first)",
    )
    claim_min_share: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="share of a claim of a motion's Begründung about the administration (its words, weighted by "
        "rarity) a sentence of a document or an earlier reply must hold to be set beside it in the Sachstand",
    )
    min_coverage: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="share of the question's words (weighted by rarity) a quoted stand-in answer must contain; "
        "0: any whole sentence of the asked kind (the share did not separate answerable from unanswerable "
        "questions once the focus check has run, decision record 0009)",
    )
    similar_reply: float = Field(
        default=0.62, ge=-1.0, le=1.0, description="similarity above which an earlier reply's figures are compared"
    )


class OParlSettings(_Section):
    endpoint: str = Field(
        default="", description="the council information system's OParl System, Body or paper-list URL"
    )
    timeout: float = Field(default=20.0, gt=0, le=300, description="seconds to wait for the OParl server")


class ReuseSettings(_Section):
    min_similarity: float = Field(
        default=0.7, ge=0.0, le=1.0, description="cosine of two questions from which an earlier reply is offered"
    )
    offers: int = Field(default=2, ge=0, le=10, description="earlier replies offered beside a draft (0: none)")


class ReviewSettings(_Section):
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db; default: SQLite in data_dir",
    )
    four_eyes: bool = Field(default=True, description="the approver must differ from the answer's last editor")
    auth_header: str | None = Field(
        default=None,
        description="trusted header with the user name set by a reverse proxy (SSO), e.g. X-Remote-User",
    )


class JobsSettings(_Section):
    queue: Literal["in-process", "database", "procrastinate"] = Field(
        default="in-process",
        description="in-process: a thread of `assistant serve` drafts; database: `assistant worker` processes "
        "take jobs from the review database; procrastinate: the same on PostgreSQL through procrastinate",
    )
    worker_threads: int = Field(
        default=1, ge=1, le=32, description="jobs one `assistant worker` drafts at once (>1 only with an LLM server)"
    )
    poll_seconds: float = Field(default=0.5, gt=0, le=60, description="how often idle workers and the page look")
    stalled_seconds: float = Field(
        default=60.0, ge=2, le=3600, description="a running job without heartbeat for this long is taken over"
    )


class ExportSettings(_Section):
    template: Path | None = Field(
        default=None, description="Word template (.docx) for the reply letter; overrides municipality.yaml"
    )


class Settings(_Section):
    models_dir: Path = Path("models")
    data_dir: Path = Path(".assistant")
    prompts_dir: Path | None = None
    llm: LLMSettings = LLMSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    vector_store: VectorStoreSettings = VectorStoreSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    drafting: DraftingSettings = DraftingSettings()
    review: ReviewSettings = ReviewSettings()
    reuse: ReuseSettings = ReuseSettings()
    oparl: OParlSettings = OParlSettings()
    export: ExportSettings = ExportSettings()
    jobs: JobsSettings = JobsSettings()

    # Derived values: one place decides every default path.
    def llm_model_path(self) -> Path:
        return self.llm.model_path or self.models_dir / DEFAULT_LLM_FILE

    def embedding_model_path(self) -> Path:
        return self.embedding.model_path or self.models_dir / DEFAULT_EMBEDDING_DIR

    def chroma_path(self) -> Path:
        return self.vector_store.path or self.data_dir / "chroma"

    def database_url(self) -> str:
        return self.review.database_url or f"sqlite:///{(self.data_dir / 'review.db').resolve()}"

    def resolved_prompts_dir(self) -> Path:
        return self.prompts_dir or Path(__file__).resolve().parent.parent / "prompts"


# The built-in defaults, for a stage called without settings (tests, benches): the one source of every default.
DEFAULTS = Settings()


def _env_layer(environ: Mapping[str, str]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX) or key == "ASSISTANT_CONFIG":
            continue
        parts = key[len(ENV_PREFIX) :].lower().split("__")
        node = layer
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"Umgebungsvariable {key} widerspricht einer anderen ASSISTANT_-Variable")
        node[parts[-1]] = value
    return layer


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError("Konfigurationsdatei nicht gefunden", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"ungültiges TOML ({exc})", path=path, hint="Syntax der Datei prüfen") from exc


def _describe(error: ValidationError, sources: str) -> str:
    lines = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        if item["type"] == "extra_forbidden":
            lines.append(f"unbekannter Schlüssel '{key}'")
        else:
            lines.append(f"'{key}': {item['msg']}")
    return f"Ungültige Einstellungen ({sources}): " + "; ".join(lines)


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build the settings from defaults, file, environment and explicit overrides."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    sources = ["Standardwerte"]
    if config_file is None and environ.get("ASSISTANT_CONFIG"):
        config_file = Path(environ["ASSISTANT_CONFIG"])
    if config_file is None and Path(DEFAULT_CONFIG_FILE).is_file():
        config_file = Path(DEFAULT_CONFIG_FILE)
    if config_file is not None:
        data = _merge(data, _read_toml(config_file))
        sources.append(str(config_file))
    env = _env_layer(environ)
    if env:
        data = _merge(data, env)
        sources.append("ASSISTANT_*-Umgebungsvariablen")
    if overrides:
        data = _merge(data, overrides)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            _describe(exc, ", ".join(sources)),
            hint="Schlüssel und Werte sind im README unter 'Konfiguration' beschrieben",
        ) from exc
