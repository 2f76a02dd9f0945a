"""A stdlib stand-in for the pandas DataFrame that get_market_data_ex returns per stock.

Real xtquant: {code: pandas.DataFrame}, index = 'YYYYMMDDHHMMSS' strings, one column per field.
Here: {code: Frame} with the same index and columns and the parts of the DataFrame API a consumer
needs: len(), .empty, .index, .columns, frame[field] (a Column with tolist() and len()),
frame.to_dict('list') -> {field: [values]} (what Quote Platform reads, identical on both) and
frame.to_dict('records'). Arithmetic, .loc/.iloc and dtypes are not provided.
"""


class Column(list):
    def tolist(self):
        return list(self)


class Frame:
    def __init__(self, index, columns):
        self.index = list(index)
        self._columns = {name: Column(values) for name, values in columns.items()}
        self.columns = list(self._columns)

    def __len__(self):
        return len(self.index)

    @property
    def empty(self):
        return not self.index

    def __getitem__(self, name):
        return self._columns[name]

    def to_dict(self, orient="dict"):
        if orient == "list":
            return {name: list(values) for name, values in self._columns.items()}
        if orient == "records":
            return [{name: values[i] for name, values in self._columns.items()} for i in range(len(self.index))]
        if orient == "dict":
            return {name: dict(zip(self.index, values)) for name, values in self._columns.items()}
        raise ValueError(f"orient '{orient}' not understood")

    def __repr__(self):
        return f"Frame({len(self.index)} rows x {len(self.columns)} columns: {', '.join(self.columns)})"
