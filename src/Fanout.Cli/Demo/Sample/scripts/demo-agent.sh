#!/bin/sh
# A scripted stand-in for a coding agent: it reads its prompt, makes the edit a model
# would make for the task, and reports what it did. Usage: demo-agent.sh TASK PROMPT_FILE
set -eu
task=$1
prompt_file=$2
echo "agent: task $task, prompt $(head -n 1 "$prompt_file")"
sleep "${DEMO_AGENT_SECONDS:-1}"

write() {
  mkdir -p "$(dirname "$1")"
  cat > "$1"
  echo "agent: wrote $1"
}

case "$task" in
  lower)
    write lib/lower.sh <<'EOF'
# Lower-cases its arguments.
cmd_lower() {
  printf '%s\n' "$*" | tr '[:upper:]' '[:lower:]'
}
EOF
    write tests/test_lower.sh <<'EOF'
check "lower: words" "hello world" "$(./textkit lower HELLO World)"
EOF
    ;;
  reverse)
    write lib/reverse.sh <<'EOF'
# Prints its arguments backwards.
cmd_reverse() {
  printf '%s\n' "$*" | awk '{ out = ""; for (i = length($0); i > 0; i--) out = out substr($0, i, 1); print out }'
}
EOF
    write tests/test_reverse.sh <<'EOF'
check "reverse: word" "olleh" "$(./textkit reverse hello)"
check "reverse: words" "dlrow olleh" "$(./textkit reverse hello world)"
EOF
    ;;
  words)
    write lib/words.sh <<'EOF'
# Counts the words of its arguments.
cmd_words() {
  printf '%s\n' "$*" | wc -w | tr -d ' '
}
EOF
    write tests/test_words.sh <<'EOF'
check "words: three" "3" "$(./textkit words one two three)"
check "words: none" "0" "$(./textkit words)"
EOF
    ;;
  title)
    write lib/title.sh <<'EOF'
# Capitalises each word of its arguments.
cmd_title() {
  printf '%s\n' "$*" | awk '{ for (i = 1; i <= NF; i++) $i = toupper(substr($i, 1, 1)) tolower(substr($i, 2)); print }'
}
EOF
    write tests/test_title.sh <<'EOF'
check "title: words" "Hello Big World" "$(./textkit title hello BIG world)"
EOF
    ;;
  slugify)
    write lib/slugify.sh <<'EOF'
# Turns its arguments into a lower-case, dash-separated slug.
cmd_slugify() {
  printf '%s\n' "$*" | tr '[:upper:]' '[:lower:]' | sed -e 's/[^a-z0-9][^a-z0-9]*/-/g' -e 's/^-//' -e 's/-$//'
}
EOF
    write tests/test_slugify.sh <<'EOF'
check "slugify: title" "hello-big-world" "$(./textkit slugify 'Hello, Big World!')"
EOF
    ;;
  *)
    echo "agent: no script for task '$task'" >&2
    exit 3
    ;;
esac
echo "agent: done"
