package io.ledgerbench.loadgen.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration spelling BenchmarkRun files use: a whole number and a unit, e.g. 90s, 5m, 1h, 250ms. */
public final class DurationText {

    /** Human description of the accepted spelling, for error messages. */
    public static final String ACCEPTED = "a whole number followed by ms, s, m or h (e.g. 500ms, 90s, 5m, 1h)";

    /** The rule as a regular expression; the CRD schema uses it too, so the API server refuses other spellings. */
    public static final String SCHEMA_PATTERN = "^(\\d{1,9})(ms|s|m|h)$";

    private static final Pattern FORMAT = Pattern.compile(SCHEMA_PATTERN);

    private DurationText() {
    }

    /** The duration, or empty when the text does not follow {@link #ACCEPTED}. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    /** The duration of text already accepted by validation. */
    public static Duration require(String text) {
        return parse(text).orElseThrow(() -> new IllegalStateException("unvalidated duration: " + text));
    }
}
