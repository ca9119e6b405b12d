"""Imports for setting up a hall: the service-item catalogue, a department's staff, a hall's windows.

The CLI (`tingwu import …`) and the GraphQL upload (`importFile`) run the same
code: read the file (CSV or XLSX), check every row, write in one transaction.
A file with any bad row changes nothing and names every bad row with its line
and reason; importing the same file again changes nothing.
"""
