package io.thingbus.server.cli.device;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A lifetime on the command line: seconds ({@code 90}), or a number with a unit: {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}. */
public final class LifetimeConverter implements ITypeConverter<Duration> {

    private static final Pattern LIFETIME = Pattern.compile("([0-9]{1,9})([smhd]?)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = LIFETIME.matcher(value);
        if (!matcher.matches()) {
            throw new TypeConversionException("a lifetime is a number with an optional unit s, m, h or d (e.g. 1h),"
                    + " was '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
