package no.kvik.kernel.display;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A PNG image for display in a notebook ({@code image/png}); unlike SVG it survives nbconvert's static
 * HTML export.
 *
 * @param bytes the encoded PNG file; copied, so the record stays immutable
 */
public record Png(byte[] bytes) {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public Png {
        Objects.requireNonNull(bytes, "bytes");
        // signature (8) + IHDR length and type (8) + width and height (8)
        if (bytes.length < 24 || !Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE)) {
            throw new IllegalArgumentException("not a PNG image (missing PNG signature), " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Width in pixels, from the IHDR chunk that PNG requires first. */
    public int width() {
        return ByteBuffer.wrap(bytes, 16, 4).getInt();
    }

    /** Height in pixels, from the IHDR chunk. */
    public int height() {
        return ByteBuffer.wrap(bytes, 20, 4).getInt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Png p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Png[" + width() + "x" + height() + ", " + bytes.length + " bytes]";
    }
}
