"""PHI detection (Presidio + clinical recognizers) and anonymization with consistent surrogates."""
