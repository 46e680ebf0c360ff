package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private static TextDecoder.Decoded decode(byte[] bytes) {
        return TextDecoder.decode(bytes);
    }

    @Test
    void asciiAndUtf8DecodeAsUtf8WithoutTheirByteOrderMark() {
        assertThat(decode("kind: Pod\n".getBytes(StandardCharsets.US_ASCII)).text()).isEqualTo("kind: Pod\n");
        assertThat(decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', 'b'}).text())
                .isEqualTo("a: b");
        assertThat(decode("x: caf\u00e9 \u2603 \ud83d\ude00".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("x: caf\u00e9 \u2603 \ud83d\ude00");
        assertThat(decode(new byte[0]).text()).isEmpty();
    }

    @Test
    void invalidUtf8IsReplacedAndReportedAndANulByteMeansBinary() {
        TextDecoder.Decoded bad = decode(new byte[] {'a', ':', ' ', (byte) 0xC3, '('});
        assertThat(bad.text()).isEqualTo("a: \ufffd(");
        assertThat(bad.warning()).contains("not valid UTF-8");
        TextDecoder.Decoded binary = decode(new byte[] {'a', 0, 'b'});
        assertThat(binary.text()).isNull();
        assertThat(binary.error()).contains("NUL byte at offset 1");
    }

    @Test
    void aUtf16ByteOrderMarkSelectsUtf16() {
        byte[] be = {(byte) 0xFE, (byte) 0xFF, 0, 'a', 0, ':'};
        assertThat(decode(be).text()).isEqualTo("a:");
    }
}
