# Upper-cases its arguments.
cmd_upper() {
  printf '%s\n' "$*" | tr '[:lower:]' '[:upper:]'
}
