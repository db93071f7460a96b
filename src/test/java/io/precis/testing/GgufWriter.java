package io.precis.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A GGUF v3 file as llama.cpp reads it: metadata key/values, then tensors (F32 or Q4_0), each aligned to 32 bytes.
 * The tests' tiny model ({@link TinyGguf}) and the benchmark's model of the default model's shapes
 * ({@link ShapedGguf}) are written with it. JDK only.
 */
public final class GgufWriter {

    /** GGML's 32-bit float tensors. */
    public static final int F32 = 0;
    /** GGML's 4-bit blocks: 32 weights in 18 bytes, an f16 scale then 16 bytes of quants. */
    public static final int Q4_0 = 2;
    static final int Q4_0_BLOCK_BYTES = 18;

    private static final int VERSION = 3;
    private static final int ALIGNMENT = 32;
    private static final int T_UINT32 = 4;
    private static final int T_INT32 = 5;
    private static final int T_FLOAT32 = 6;
    private static final int T_BOOL = 7;
    private static final int T_STRING = 8;
    private static final int T_ARRAY = 9;

    /** Writes a tensor's values, in its type's encoding, as the file is written. */
    @FunctionalInterface
    public interface TensorData {
        void write(OutputStream out) throws IOException;
    }

    private record Tensor(String name, long[] dims, int type, TensorData data) {
        long bytes() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return type == F32 ? n * 4 : n / 32 * Q4_0_BLOCK_BYTES;
        }
    }

    private final Buf meta = new Buf(16 * 1024);
    private long entries;
    private final List<Tensor> tensors = new ArrayList<>();

    public GgufWriter str(String key, String value) {
        key(key, T_STRING);
        meta.str(value);
        return this;
    }

    public GgufWriter u32(String key, int value) {
        key(key, T_UINT32);
        meta.u32(value);
        return this;
    }

    public GgufWriter f32(String key, float value) {
        key(key, T_FLOAT32);
        meta.f32(value);
        return this;
    }

    public GgufWriter bool(String key, boolean value) {
        key(key, T_BOOL);
        meta.u8(value ? 1 : 0);
        return this;
    }

    public GgufWriter strArr(String key, List<String> values) {
        key(key, T_ARRAY);
        meta.u32(T_STRING);
        meta.u64(values.size());
        values.forEach(meta::str);
        return this;
    }

    public GgufWriter f32Arr(String key, float[] values) {
        key(key, T_ARRAY);
        meta.u32(T_FLOAT32);
        meta.u64(values.length);
        for (float v : values) {
            meta.f32(v);
        }
        return this;
    }

    public GgufWriter i32Arr(String key, int[] values) {
        key(key, T_ARRAY);
        meta.u32(T_INT32);
        meta.u64(values.length);
        for (int v : values) {
            meta.u32(v);
        }
        return this;
    }

    /**
     * Adds a tensor.
     *
     * @param dims innermost (contiguous) dimension first, as GGML counts them
     * @param data writes exactly its bytes: 4 per value for F32, 18 per 32 values for Q4_0
     */
    public GgufWriter tensor(String name, long[] dims, int type, TensorData data) {
        tensors.add(new Tensor(name, dims, type, data));
        return this;
    }

    /** An F32 tensor of these values. */
    public GgufWriter tensor(String name, long[] dims, float[] values) {
        return tensor(name, dims, F32, out -> {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            out.write(bytes.array());
        });
    }

    /** Writes the file, through a temporary file beside it so that a reader never sees half of it. */
    public void write(Path file) throws IOException {
        Buf head = new Buf(64 * 1024);
        head.bytes(new byte[] {'G', 'G', 'U', 'F'});
        head.u32(VERSION);
        head.u64(tensors.size());
        head.u64(entries);
        head.bytes(meta.toArray());
        long offset = 0;
        for (Tensor t : tensors) {
            head.str(t.name());
            head.u32(t.dims().length);
            for (long d : t.dims()) {
                head.u64(d);
            }
            head.u32(t.type());
            head.u64(offset);
            offset += pad(t.bytes());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            out.write(head.toArray());
            out.write(new byte[(int) (pad(head.size()) - head.size())]);
            for (Tensor t : tensors) {
                t.data().write(out);
                out.write(new byte[(int) (pad(t.bytes()) - t.bytes())]);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private void key(String key, int type) {
        meta.str(key);
        meta.u32(type);
        entries++;
    }

    private static long pad(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Growable little-endian byte buffer. */
    private static final class Buf {
        private ByteBuffer bb;

        Buf(int capacity) {
            bb = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void ensure(int n) {
            if (bb.remaining() < n) {
                ByteBuffer grown = ByteBuffer.allocate(Math.max(bb.capacity() * 2, bb.position() + n))
                        .order(ByteOrder.LITTLE_ENDIAN);
                bb.flip();
                grown.put(bb);
                bb = grown;
            }
        }

        void u8(int v) {
            ensure(1);
            bb.put((byte) v);
        }

        void u32(int v) {
            ensure(4);
            bb.putInt(v);
        }

        void u64(long v) {
            ensure(8);
            bb.putLong(v);
        }

        void f32(float v) {
            ensure(4);
            bb.putFloat(v);
        }

        void bytes(byte[] b) {
            ensure(b.length);
            bb.put(b);
        }

        /** gguf_string: uint64 length + UTF-8 bytes, no terminator. */
        void str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        int size() {
            return bb.position();
        }

        byte[] toArray() {
            byte[] a = new byte[bb.position()];
            System.arraycopy(bb.array(), 0, a, 0, a.length);
            return a;
        }
    }
}
