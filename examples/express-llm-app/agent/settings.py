"""Settings for the support agent, read from the environment (see requirements.txt for the stack)."""
import os
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent

DATABASE_PATH = os.environ.get("SUPPORT_DB_PATH", str(BASE_DIR / "support.db"))
UPLOAD_DIR = Path(os.environ.get("SUPPORT_UPLOAD_DIR", str(BASE_DIR / "uploads")))

OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")
OPENAI_MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o-mini")

# Signing key for the widget's JWTs; required, no fallback.
JWT_SECRET = os.environ["SUPPORT_JWT_SECRET"]
JWT_ALGORITHMS = ["HS256"]

# Internal model registry (self-signed certificate on staging) and the embedding model it serves.
MODEL_REGISTRY_URL = os.environ.get("MODEL_REGISTRY_URL", "https://models.internal.example.com")
EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL", "acme/support-embeddings")

ALLOWED_SERVICES = ("api", "worker", "scheduler")
MAX_AGENT_STEPS = int(os.environ.get("MAX_AGENT_STEPS", "6"))


def load_prompts(path: Path = BASE_DIR / "prompts.yaml") -> dict:
    """Prompt templates live in YAML so support leads can edit them without a deploy."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}
