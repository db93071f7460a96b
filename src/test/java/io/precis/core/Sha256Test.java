package io.precis.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final char[] ALPHABET = {'a', 'é', ' ', '\n', '€', '\uD83D', '\uDE00', '\u00A0', 'Z'};

    @Test
    void hashesALongTextSliceBySliceAsItsWholeBytes() throws Exception {
        Random random = new Random(19);
        for (int round = 0; round < 300; round++) {
            // Lengths around the buffer's, with paired and unpaired surrogates wherever they fall.
            String text = random(random, Utf8.BUFFER * (round % 4) + random.nextInt(8) - 4);
            assertThat(Sha256.hex(text)).as("round %d", round).isEqualTo(wholeBytes(text));
        }
    }

    @Test
    void encodesLikeGetBytesWhereverABufferFillsUp() {
        Random random = new Random(5);
        for (int round = 0; round < 2000; round++) {
            String text = random(random, random.nextInt(40));
            int from = random.nextInt(text.length() + 1);
            int to = from + random.nextInt(text.length() - from + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // A buffer of 4 to 7 bytes fills at every character or two.
            Utf8.Sink sink = (bytes, length) -> out.write(bytes, 0, length);
            Utf8.encode(text, from, to, new byte[4 + random.nextInt(4)], sink);

            assertThat(out.toByteArray()).as("%s [%d, %d)", text.chars().boxed().toList(), from, to)
                    .isEqualTo(text.substring(from, to).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void hashesTextsAddedOneAfterTheOtherAsTheirJoin() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 100; round++) {
            String first = random(random, random.nextInt(Utf8.BUFFER + 10));
            String second = random(random, random.nextInt(20));
            int from = first.isEmpty() ? 0 : random.nextInt(first.length());

            assertThat(Sha256.hasher().add(first).add(" ").add(second).hex())
                    .isEqualTo(wholeBytes(first + " " + second));
            assertThat(Sha256.hasher().add(first, from, first.length()).hex())
                    .isEqualTo(wholeBytes(first.substring(from)));
        }
    }

    private static String random(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.max(0, length); i++) {
            text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    private static String wholeBytes(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
