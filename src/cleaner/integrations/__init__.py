"""Entry points for people who already run an engine (Dask, Spark, Hugging Face ``datasets``).

Nothing here imports an engine at import time: :mod:`cleaner.integrations.records` needs only the
standard library, and :mod:`cleaner.integrations.dask` imports ``dask``/``distributed`` inside its
functions (install them with ``pip install 'cleaner[dask]'``).

>>> from cleaner.integrations import BatchCleaner
>>> BatchCleaner()(["نص  جـــديد"])
['نص جديد\\n']
"""

from __future__ import annotations

from .records import BatchCleaner, pipeline_from_steps

__all__ = ["BatchCleaner", "pipeline_from_steps"]
