package org.shadowrec.storage.internal;

import java.util.regex.Pattern;

/**
 * Names that become file names (recording ids, reader names). They are derived by the program, never taken from
 * packet content, so an unsafe name is a programming bug and is refused with an exception.
 */
public final class SafeNames {
    /** At most 128 characters, starts with a letter or digit, then letters, digits, dot, underscore, dash. */
    public static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Longest safe name. */
    public static final int MAX_LENGTH = 128;

    private SafeNames() {
    }

    /** True when {@code name} can be used as one path element without escaping its directory. */
    public static boolean isSafe(String name) {
        // The pattern already excludes "." and ".." (first char is alphanumeric) and every separator.
        return name != null && SAFE.matcher(name).matches();
    }

    /** Returns {@code name} or throws {@link IllegalArgumentException} naming {@code what}. */
    public static String require(String name, String what) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException("unsafe " + what + ": " + describe(name));
        }
        return name;
    }

    private static String describe(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 64) + 2).append('"');
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.append(name.length() > 64 ? "...\"" : "\"").toString();
    }
}
