check "help: lists upper" "  upper" "$(./textkit help | grep '^  upper$')"
