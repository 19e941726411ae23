# Lists the commands: every cmd_ function defined under lib/.
cmd_help() {
  echo "usage: textkit COMMAND [TEXT...]"
  echo "commands:"
  sed -n 's/^cmd_\([a-z_]*\)().*/  \1/p' "$(dirname "$0")"/lib/*.sh | sort
}
