from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import load_settings


def test_defaults_point_at_packaged_models() -> None:
    settings = load_settings(environ={})
    assert settings.llm.backend == "llama_cpp"
    assert settings.llm_model_path() == Path("models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    assert settings.embedding_model_path() == Path("models/embeddinggemma-300m")
    assert settings.chroma_path() == Path(".assistant/chroma")


def test_layers_file_then_environment(tmp_path: Path) -> None:
    config = tmp_path / "a.toml"
    config.write_text('[llm]\nbackend = "openai"\nbase_url = "http://127.0.0.1:9/v1"\nn_ctx = 2048\n')
    settings = load_settings(config, environ={"ASSISTANT_LLM__N_CTX": "8192"})
    assert settings.llm.backend == "openai"
    assert settings.llm.n_ctx == 8192  # environment wins over the file


def test_assistant_toml_in_working_directory_is_read() -> None:
    Path("assistant.toml").write_text("[retrieval]\ntop_k = 7\n")
    assert load_settings(environ={}).retrieval.top_k == 7


@pytest.mark.parametrize(
    ("toml", "environ", "expected"),
    [
        ("[llm]\nbakend = 'openai'\n", {}, "unbekannter Schlüssel 'llm.bakend'"),
        ("colour = 'blue'\n", {}, "unbekannter Schlüssel 'colour'"),
        ("", {"ASSISTANT_RETRIEVAL__TOPK": "3"}, "unbekannter Schlüssel 'retrieval.topk'"),
        ("[llm]\nbackend = 'gpt'\n", {}, "'llm.backend'"),
        ("[retrieval]\ntop_k = 0\n", {}, "'retrieval.top_k'"),
    ],
)
def test_unknown_keys_and_bad_values_fail(tmp_path: Path, toml: str, environ: dict[str, str], expected: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ=environ)
    assert expected in info.value.render()


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("[llm\n")
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ={})
    assert str(config) in info.value.render()


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nicht gefunden"):
        load_settings(tmp_path / "none.toml", environ={})
