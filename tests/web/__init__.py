"""Tests of the SPARQL 1.1 Protocol endpoint, its safety rules and the server process."""
