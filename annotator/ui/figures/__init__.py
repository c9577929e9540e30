"""The Figures view: figures for the same measure side by side, with their flags and a chart."""
