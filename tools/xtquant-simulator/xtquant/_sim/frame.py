"""A stdlib stand-in for the pandas DataFrame that get_market_data_ex returns per stock.

Real xtquant: {code: pandas.DataFrame}, index = 'YYYYMMDDHHMMSS' strings, one column per field.
Here: {code: Frame} with the same index and columns and the parts of the DataFrame API a consumer
needs: len(), .empty, .index, .columns, frame[field] (a Column with tolist() and len()),
frame.to_dict('list') -> {field: [values]} (what Quote Platform reads, identical on both) and
frame.to_dict('records'). Arithmetic, .loc/.iloc and dtypes are not provided.

History is large (a month of the market is ~27 M bars), so a Frame keeps its columns as array('d')
(8 bytes a value instead of a Python number each) and makes its index only when asked; lists of Python
numbers (ints for the integer fields, as pandas gives int64 columns) are made by to_dict and [].
sim_columns() hands the arrays themselves to quoteplatform_bridge (not in pandas).
"""


class Column(list):
    def tolist(self):
        return list(self)


class Frame:
    def __init__(self, index, columns, integer=()):
        """index: a list of strings, or a callable that makes it; columns: {name: array('d') or list}, owned
        by the Frame from now on; integer: the names of the columns that hold whole numbers."""
        self._index = index
        self._columns = dict(columns)
        self._integer = frozenset(integer)
        self.columns = list(self._columns)

    @property
    def index(self):
        if callable(self._index):
            self._index = self._index()
        return self._index

    def __len__(self):
        for values in self._columns.values():
            return len(values)
        return len(self.index)

    @property
    def empty(self):
        return len(self) == 0

    def __getitem__(self, name):
        return Column(self._list(name))

    def sim_columns(self):
        """The stored columns ({name: array('d')}, read-only): packed without making Python numbers."""
        return self._columns

    def to_dict(self, orient="dict"):
        if orient == "list":
            return {name: self._list(name) for name in self._columns}
        if orient == "records":
            columns = {name: self._list(name) for name in self._columns}
            return [{name: values[i] for name, values in columns.items()} for i in range(len(self))]
        if orient == "dict":
            return {name: dict(zip(self.index, self._list(name))) for name in self._columns}
        raise ValueError(f"orient '{orient}' not understood")

    def _list(self, name):
        values = self._columns[name]
        if name in self._integer:
            return list(map(int, values))
        return values.tolist() if hasattr(values, "tolist") else list(values)

    def __repr__(self):
        return f"Frame({len(self)} rows x {len(self.columns)} columns: {', '.join(self.columns)})"
