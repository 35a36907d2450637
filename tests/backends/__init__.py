"""Tests of the data sources behind the server: remote SPARQL endpoints."""
