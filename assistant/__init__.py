"""Lokaler Antwortassistent für Anfragen aus Räten und Kreistagen.

Importing the package switches every library we use to offline mode and turns
telemetry off: nothing may leave the machine, and no code path may fetch
weights from a model hub.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "DO_NOT_TRACK": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}
for _key, _value in _OFFLINE_ENV.items():
    os.environ[_key] = _value
