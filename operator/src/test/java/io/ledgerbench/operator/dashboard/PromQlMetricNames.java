package io.ledgerbench.operator.dashboard;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana label_values query) selects. Good enough for
 * the expressions a dashboard holds: strings, label matchers, ranges, Grafana variables, durations, numbers
 * and grouping clauses are removed, and what is left that is not a function, keyword or operator is
 * a metric name.
 */
public final class PromQlMetricNames {

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?");
    private static final Pattern DURATION = Pattern.compile("(?<![a-zA-Z_:])(\\d+(ms|[smhdwy]))+\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![a-zA-Z_:])\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    private PromQlMetricNames() {
    }

    public static Set<String> of(String expression) {
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        String text = labelValues.matches() ? labelValues.group(1) : expression;
        text = STRING.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        text = VARIABLE.matcher(text).replaceAll(" ");
        text = DURATION.matcher(text).replaceAll(" ");
        text = NUMBER.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            boolean isFunction = text.substring(identifier.end()).stripLeading().startsWith("(");
            if (!isFunction && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
