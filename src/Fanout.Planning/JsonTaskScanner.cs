using System.Text;

namespace Fanout.Planning;

/// <summary>
/// Reads JSON text as it streams, a chunk at a time, and hands over each element of the root
/// object's <c>tasks</c> array the moment its closing brace arrives, then the whole root value
/// when it is complete. So a planner's answer <c>{"tasks":[{...},{...}]}</c> yields its first task
/// while the rest is still being written. Several root values may follow one another (JSON lines).
/// </summary>
internal sealed class JsonTaskScanner(Action<string> onTask, Action<string> onRoot)
{
    private readonly StringBuilder _root = new();
    private readonly StringBuilder _string = new();
    private readonly Stack<char> _open = new();
    private bool _inString;
    private bool _escaped;
    private string? _lastString;
    private string? _key;
    private bool _inTasks;
    private int _taskStart = -1;

    public void Feed(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        foreach (var c in chunk)
        {
            Next(c);
        }
    }

    private void Next(char c)
    {
        if (_open.Count == 0 && c != '{' && c != '[')
        {
            // Text between root values (newlines, prose) is not JSON.
            return;
        }

        _root.Append(c);
        if (_inString)
        {
            String(c);
            return;
        }

        switch (c)
        {
            case '"':
                _inString = true;
                _string.Clear();
                break;
            case ':' when _open.Count == 1:
                _key = _lastString;
                break;
            case '{' or '[':
                Open(c);
                break;
            case '}' or ']':
                Close();
                break;
        }
    }

    private void String(char c)
    {
        if (_escaped)
        {
            _escaped = false;
            _string.Append(c);
        }
        else if (c == '\\')
        {
            _escaped = true;
        }
        else if (c == '"')
        {
            _inString = false;
            _lastString = _string.ToString();
        }
        else
        {
            _string.Append(c);
        }
    }

    private void Open(char c)
    {
        if (c == '[' && _open.Count == 1 && _key == "tasks")
        {
            _inTasks = true;
        }
        else if (c == '{' && _inTasks && _open.Count == 2)
        {
            _taskStart = _root.Length - 1;
        }

        _open.Push(c);
    }

    private void Close()
    {
        if (_open.Count == 0)
        {
            return;
        }

        _open.Pop();
        if (_open.Count == 2 && _taskStart >= 0)
        {
            onTask(_root.ToString(_taskStart, _root.Length - _taskStart));
            _taskStart = -1;
        }
        else if (_open.Count == 1 && _inTasks)
        {
            _inTasks = false;
        }
        else if (_open.Count == 0)
        {
            onRoot(_root.ToString());
            _root.Clear();
            _key = null;
        }
    }
}
