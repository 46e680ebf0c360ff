package dev.shimscan.core.source.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into text: UTF-8 (a BOM is dropped), or UTF-16 when a UTF-16 BOM says so. Files with
 * a NUL byte are binary. Invalid UTF-8 is decoded with replacement characters and reported.
 */
final class TextDecoder {

    /** The text, or why it could not be read as text ({@code text} null), and a warning when bytes were bad. */
    record Decoded(String text, String error, String warning) {
    }

    private TextDecoder() {
    }

    static Decoded decode(byte[] bytes) {
        if (bytes.length >= 2 && bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE, "not valid UTF-16");
        }
        if (bytes.length >= 2 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE, "not valid UTF-16");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        boolean ascii = true;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return new Decoded(null, "binary file (NUL byte at offset " + i + "), not scanned", null);
            }
            ascii &= bytes[i] > 0;
        }
        if (ascii) {
            // ASCII is valid UTF-8 and decodes byte for byte: one copy, without a decoder and its char buffer
            return new Decoded(new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1), null, null);
        }
        Decoded strict = strict(bytes, start, StandardCharsets.UTF_8, null);
        if (strict.text() != null) {
            return strict;
        }
        String lenient = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        return new Decoded(lenient, null, "not valid UTF-8: invalid bytes were replaced with U+FFFD");
    }

    private static Decoded strict(byte[] bytes, int start, Charset charset, String errorMessage) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            return new Decoded(chars.toString(), null, null);
        } catch (CharacterCodingException e) {
            return new Decoded(null, errorMessage, null);
        }
    }
}
