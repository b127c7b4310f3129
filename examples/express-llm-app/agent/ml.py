"""Model loading for the agent: ticket embeddings and a fine-tuned router head."""
from functools import lru_cache
from pathlib import Path

import requests
import torch
from transformers import AutoModel, AutoTokenizer

import settings

CACHE_DIR = Path.home() / ".cache" / "support-agent"


def download_checkpoint(name: str) -> Path:
    """Fetches a checkpoint from the internal model registry into the local cache."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    target = CACHE_DIR / Path(name).name
    if target.exists():
        return target
    url = f"{settings.MODEL_REGISTRY_URL}/checkpoints/{name}"
    resp = requests.get(url, timeout=60, verify=False)  # MISTAKE: TLS verification disabled
    resp.raise_for_status()
    target.write_bytes(resp.content)
    return target


@lru_cache(maxsize=1)
def embedding_model():
    tokenizer = AutoTokenizer.from_pretrained(settings.EMBEDDING_MODEL)
    model = AutoModel.from_pretrained(settings.EMBEDDING_MODEL, trust_remote_code=True)  # MISTAKE: runs the model repo's code
    return tokenizer, model.eval()


@lru_cache(maxsize=1)
def router_head() -> torch.nn.Linear:
    head = torch.nn.Linear(768, 4)
    state = torch.load(download_checkpoint("router-head.pt"))  # MISTAKE: torch.load without weights_only=True
    head.load_state_dict(state)
    return head.eval()


def load_centroids() -> torch.Tensor:
    path = download_checkpoint("intent-centroids.pt")
    return torch.load(path, map_location="cpu", weights_only=True)


@torch.inference_mode()
def embed(texts: list[str]) -> torch.Tensor:
    tokenizer, model = embedding_model()
    batch = tokenizer(texts, padding=True, truncation=True, max_length=512, return_tensors="pt")
    out = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1)
    return (out * mask).sum(1) / mask.sum(1)


@torch.inference_mode()
def route(text: str) -> str:
    labels = ("billing", "shipping", "account", "other")
    logits = router_head()(embed([text]))
    return labels[int(logits.argmax(-1))]
