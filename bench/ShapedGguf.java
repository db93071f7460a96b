import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a random-weight GGUF v3 model with the default local model's shapes (Qwen2.5-1.5B-Instruct: 28 blocks, 1 536
 * wide, 12 query and 2 key/value heads of 128, feed-forward 8 960, vocabulary 151 936) and its quantization family
 * (4-bit Q4_0), for the local model's benchmark: llama.cpp's time depends on the shapes and the quantization, not on
 * the weights' values, and the real weights cannot be downloaded on the project's machines. Its output is noise.
 *
 * <p>A llama-architecture file (Qwen2's attention biases left out: a few thousand additions against millions of
 * multiplications), with tied embeddings, F32 norms, and a SentencePiece vocabulary of byte-fallback tokens, single
 * characters (so that ASCII text is about one token per character) and unique fillers up to the real size, so that
 * the output layer costs what the real one does. JDK only.
 *
 * <pre>java bench/ShapedGguf.java OUT.gguf</pre>
 */
public final class ShapedGguf {

    static final int EMBD = 1536;
    static final int LAYERS = 28;
    static final int HEADS = 12;
    static final int KV_HEADS = 2;
    static final int FF = 8960;
    static final int CONTEXT = 32768;
    static final int VOCAB = 151936;
    static final int HEAD_DIM = EMBD / HEADS;

    private static final int ALIGN = 32;
    private static final int F32 = 0;
    private static final int Q4_0 = 2;
    /** Q4_0: 32 weights in 18 bytes, an f16 scale and 16 bytes of 4-bit quants. */
    private static final int BLOCK_BYTES = 18;
    /** The f16 scale of every block, 0.01 (0x211f): weights with a spread like a trained model's. */
    private static final short SCALE = 0x211f;

    // GGUF value types
    private static final int T_U32 = 4;
    private static final int T_I32 = 5;
    private static final int T_F32 = 6;
    private static final int T_BOOL = 7;
    private static final int T_STRING = 8;
    private static final int T_ARRAY = 9;

    private static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private record Tensor(String name, long[] shape, int type) {
        long values() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        long bytes() {
            return type == F32 ? values() * 4 : values() / 32 * BLOCK_BYTES;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java bench/ShapedGguf.java OUT.gguf");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<String> tokens = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        vocabulary(tokens, scores, types);
        int imEnd = tokens.indexOf("<|im_end|>");

        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        int entries = 0;
        entries += string(meta, "general.architecture", "llama");
        entries += string(meta, "general.name", "random-qwen2.5-1.5b-shape-q4_0");
        entries += u32(meta, "general.alignment", ALIGN);
        entries += u32(meta, "general.file_type", 2);
        entries += u32(meta, "llama.context_length", CONTEXT);
        entries += u32(meta, "llama.embedding_length", EMBD);
        entries += u32(meta, "llama.block_count", LAYERS);
        entries += u32(meta, "llama.feed_forward_length", FF);
        entries += u32(meta, "llama.attention.head_count", HEADS);
        entries += u32(meta, "llama.attention.head_count_kv", KV_HEADS);
        entries += f32(meta, "llama.attention.layer_norm_rms_epsilon", 1e-6f);
        entries += u32(meta, "llama.rope.dimension_count", HEAD_DIM);
        entries += f32(meta, "llama.rope.freq_base", 1_000_000f);
        entries += u32(meta, "llama.vocab_size", VOCAB);
        entries += string(meta, "tokenizer.ggml.model", "llama");
        key(meta, "tokenizer.ggml.tokens", T_ARRAY);
        int32(meta, T_STRING);
        int64(meta, tokens.size());
        for (String token : tokens) {
            str(meta, token);
        }
        entries++;
        key(meta, "tokenizer.ggml.scores", T_ARRAY);
        int32(meta, T_F32);
        int64(meta, scores.size());
        for (float score : scores) {
            int32(meta, Float.floatToIntBits(score));
        }
        entries++;
        key(meta, "tokenizer.ggml.token_type", T_ARRAY);
        int32(meta, T_I32);
        int64(meta, types.size());
        for (int type : types) {
            int32(meta, type);
        }
        entries++;
        entries += u32(meta, "tokenizer.ggml.bos_token_id", 1);
        entries += u32(meta, "tokenizer.ggml.eos_token_id", imEnd);
        entries += u32(meta, "tokenizer.ggml.unknown_token_id", 0);
        entries += bool(meta, "tokenizer.ggml.add_bos_token", false);
        entries += bool(meta, "tokenizer.ggml.add_eos_token", false);
        entries += string(meta, "tokenizer.chat_template", CHATML);

        List<Tensor> tensors = new ArrayList<>();
        // Dimensions in GGML's order: the contiguous one first. Tied embeddings: no output.weight.
        tensors.add(new Tensor("token_embd.weight", new long[] {EMBD, VOCAB}, Q4_0));
        tensors.add(new Tensor("output_norm.weight", new long[] {EMBD}, F32));
        int kvDim = HEAD_DIM * KV_HEADS;
        for (int i = 0; i < LAYERS; i++) {
            String p = "blk." + i + ".";
            tensors.add(new Tensor(p + "attn_norm.weight", new long[] {EMBD}, F32));
            tensors.add(new Tensor(p + "attn_q.weight", new long[] {EMBD, EMBD}, Q4_0));
            tensors.add(new Tensor(p + "attn_k.weight", new long[] {EMBD, kvDim}, Q4_0));
            tensors.add(new Tensor(p + "attn_v.weight", new long[] {EMBD, kvDim}, Q4_0));
            tensors.add(new Tensor(p + "attn_output.weight", new long[] {EMBD, EMBD}, Q4_0));
            tensors.add(new Tensor(p + "ffn_norm.weight", new long[] {EMBD}, F32));
            tensors.add(new Tensor(p + "ffn_gate.weight", new long[] {EMBD, FF}, Q4_0));
            tensors.add(new Tensor(p + "ffn_up.weight", new long[] {EMBD, FF}, Q4_0));
            tensors.add(new Tensor(p + "ffn_down.weight", new long[] {FF, EMBD}, Q4_0));
        }

        ByteArrayOutputStream infos = new ByteArrayOutputStream();
        long offset = 0;
        for (Tensor tensor : tensors) {
            str(infos, tensor.name());
            int32(infos, tensor.shape().length);
            for (long d : tensor.shape()) {
                int64(infos, d);
            }
            int32(infos, tensor.type());
            int64(infos, offset);
            offset += tensor.bytes() + padding(tensor.bytes());
        }

        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write("GGUF".getBytes(StandardCharsets.US_ASCII));
        int32(header, 3);
        int64(header, tensors.size());
        int64(header, entries);
        meta.writeTo(header);
        infos.writeTo(header);
        header.write(new byte[(int) padding(header.size())]);

        Files.createDirectories(out.toAbsolutePath().getParent());
        SplittableRandom random = new SplittableRandom(42);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            header.writeTo(file);
            for (Tensor tensor : tensors) {
                if (tensor.type() == F32) {
                    writeOnes(file, tensor.values());
                } else {
                    writeQ40(file, tensor.values() / 32, random);
                }
                file.write(new byte[(int) padding(tensor.bytes())]);
            }
        }
        System.out.printf("wrote %s: %d tensors, vocabulary %d, %d bytes%n", out, tensors.size(), VOCAB,
                Files.size(out));
    }

    /** SentencePiece tokens: control, 256 byte fallbacks, ChatML markers, single characters, then fillers. */
    private static void vocabulary(List<String> tokens, List<Float> scores, List<Integer> types) {
        // llama token types: 1 normal, 2 unknown, 3 control, 6 byte
        Set<String> seen = new HashSet<>();
        addToken(tokens, scores, types, seen, "<unk>", 0, 2);
        addToken(tokens, scores, types, seen, "<s>", 0, 3);
        addToken(tokens, scores, types, seen, "</s>", 0, 3);
        for (int b = 0; b < 256; b++) {
            addToken(tokens, scores, types, seen, String.format("<0x%02X>", b), 0, 6);
        }
        addToken(tokens, scores, types, seen, "<|im_start|>", 0, 3);
        addToken(tokens, scores, types, seen, "<|im_end|>", 0, 3);
        List<String> characters = new ArrayList<>(List.of("\u2581", ".", ",", "!", "?", "\n"));
        for (char c = 'a'; c <= 'z'; c++) {
            characters.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            characters.add(String.valueOf(c));
        }
        for (char c = '0'; c <= '9'; c++) {
            characters.add(String.valueOf(c));
        }
        for (String c : characters) {
            addToken(tokens, scores, types, seen, c, -tokens.size(), 1);
        }
        for (int i = 0; tokens.size() < VOCAB; i++) {
            addToken(tokens, scores, types, seen, String.format("<dummy%06d>", i), -tokens.size(), 1);
        }
    }

    private static void addToken(List<String> tokens, List<Float> scores, List<Integer> types, Set<String> seen,
            String token, float score, int type) {
        // A token string twice aborts llama.cpp's vocabulary loader.
        if (seen.add(token)) {
            tokens.add(token);
            scores.add(score);
            types.add(type);
        }
    }

    private static void writeOnes(OutputStream out, long values) throws IOException {
        ByteBuffer ones = ByteBuffer.allocate((int) values * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < values; i++) {
            ones.putFloat(1f);
        }
        out.write(ones.array());
    }

    private static void writeQ40(OutputStream out, long blocks, SplittableRandom random) throws IOException {
        byte[] chunk = new byte[BLOCK_BYTES * 4096];
        long left = blocks;
        while (left > 0) {
            int n = (int) Math.min(left, 4096);
            random.nextBytes(chunk);
            for (int b = 0; b < n; b++) {
                chunk[b * BLOCK_BYTES] = (byte) SCALE;
                chunk[b * BLOCK_BYTES + 1] = (byte) (SCALE >> 8);
            }
            out.write(chunk, 0, n * BLOCK_BYTES);
            left -= n;
        }
    }

    private static long padding(long size) {
        return (ALIGN - size % ALIGN) % ALIGN;
    }

    private static void key(ByteArrayOutputStream out, String key, int type) {
        str(out, key);
        int32(out, type);
    }

    private static int string(ByteArrayOutputStream out, String key, String value) {
        key(out, key, T_STRING);
        str(out, value);
        return 1;
    }

    private static int u32(ByteArrayOutputStream out, String key, int value) {
        key(out, key, T_U32);
        int32(out, value);
        return 1;
    }

    private static int f32(ByteArrayOutputStream out, String key, float value) {
        key(out, key, T_F32);
        int32(out, Float.floatToIntBits(value));
        return 1;
    }

    private static int bool(ByteArrayOutputStream out, String key, boolean value) {
        key(out, key, T_BOOL);
        out.write(value ? 1 : 0);
        return 1;
    }

    private static void str(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int64(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static void int64(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }
}
