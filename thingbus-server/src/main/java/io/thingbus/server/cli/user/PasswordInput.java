package io.thingbus.server.cli.user;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where {@code thingbus user create} reads a password: a file, standard input, or the console without
 * echo (asked twice). Never from the command line, which every user of the machine can see. A file or
 * standard input gives its first line (its line ending dropped). Passwords are held as {@code char[]}
 * and wiped by the caller; no message ever contains one.
 */
public final class PasswordInput {

    /** The longest password read, in bytes: more is refused rather than read on (a mistaken {@code /dev/zero}). */
    static final int MAX_BYTES = 4096;

    /** The console's password prompt: reads a line without echo, null at end of input. */
    @FunctionalInterface
    public interface SecretPrompt {
        char[] readPassword(String prompt);
    }

    private final InputStream stdin;
    private final SecretPrompt console;

    /**
     * @param stdin   standard input, for {@code --password-stdin}
     * @param console the console to prompt on, or null when there is none (input or output redirected)
     */
    public PasswordInput(InputStream stdin, SecretPrompt console) {
        this.stdin = stdin;
        this.console = console;
    }

    /** The process's standard input and console. */
    public static PasswordInput system() {
        Console console = System.console();
        return new PasswordInput(System.in, console == null ? null : prompt -> console.readPassword("%s", prompt));
    }

    /** The first line of a file. */
    char[] fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return firstLine(in);
        }
    }

    /** The first line of standard input. */
    char[] fromStdin() throws IOException {
        return firstLine(stdin);
    }

    /**
     * Asks twice on the console.
     *
     * @throws IllegalArgumentException when there is no console, or the two answers differ
     */
    char[] prompted(String userName) {
        if (console == null) {
            throw new IllegalArgumentException("no console to ask for the password on: give --password-file FILE or"
                    + " --password-stdin");
        }
        char[] first = console.readPassword("Password for " + userName + ": ");
        char[] second = console.readPassword("Again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return first.clone();
        } finally {
            wipe(first);
            wipe(second);
        }
    }

    /** Overwrites a password no longer needed. */
    static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * UTF-8 up to the first line ending.
     *
     * @throws IllegalArgumentException when it is longer than {@link #MAX_BYTES} or not UTF-8
     */
    private static char[] firstLine(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end > MAX_BYTES) {
                throw new IllegalArgumentException("the password is longer than " + MAX_BYTES + " bytes");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("the password is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
