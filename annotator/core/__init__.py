"""The Qt-free core: model, text, store, importers, exporters. Never imports Qt."""
