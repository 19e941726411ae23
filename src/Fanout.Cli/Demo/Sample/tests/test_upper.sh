check "upper: words" "HELLO WORLD" "$(./textkit upper hello world)"
check "upper: mixed" "ABC-123" "$(./textkit upper aBc-123)"
