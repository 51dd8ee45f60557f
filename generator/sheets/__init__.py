"""Excel in, Excel out: rosters become case files, every case and deadline becomes a workbook.

    mapping.py   the one mapping between the schemas and the workbook's sheets and columns
    values.py    what a cell means (dates, 令和, "185,000円", はい/いいえ) and how a value is written
    workbook.py  writes a workbook: labels, hidden key row, hints, drop-downs, typed cells, filters
    reader.py    reads a workbook or CSV back into rows of cells, each with its position
    importer.py  rows → case data → the front door's checks → case and parties files
    exporter.py  checked cases → rows, plus the 期限 sheet
    commands.py  `formgen sheet`, `formgen import`, `formgen export`
"""
