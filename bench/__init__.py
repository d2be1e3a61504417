"""Benchmarks: quality (metrics, synthetic OCR pages, the regression gate) and speed."""
