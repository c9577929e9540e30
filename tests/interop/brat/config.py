"""Stand-in for brat's config.py, which brat's install.sh writes from config_template.py.

projectconfig.py imports it at load; the only setting it reads (BASE_DIR, in a try) is left
out on purpose, so brat looks for annotation.conf from the document's folder upwards as it does
for command-line use.
"""
