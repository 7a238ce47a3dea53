"""Retrieval: sources, chunking, embedders, the hybrid FAISS + BM25 index, and patient scoping."""
