package io.precis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a random-weight GGUF model with the default local model's shapes (Qwen2.5-1.5B-Instruct: 28 blocks, 1 536
 * wide, 12 query and 2 key/value heads of 128, feed-forward 8 960, vocabulary 151 936) and its quantization family
 * (4-bit Q4_0), for the local model's benchmark ({@code bash bench/local-model.sh}): llama.cpp's time depends on the
 * shapes and the quantization, not on the weights' values, and the real weights cannot be downloaded on the project's
 * machines. Its output is noise.
 *
 * <p>A llama-architecture file (Qwen2's attention biases left out: a few thousand additions against millions of
 * multiplications) with tied embeddings and F32 norms. Its vocabulary is {@link TinyGguf}'s, whose pieces make ASCII
 * text about one token per character, padded with unique filler tokens to the real size, so that the output layer
 * costs what the real one does.
 *
 * <pre>java -cp target/test-classes io.precis.testing.ShapedGguf OUT.gguf</pre>
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
    /** The f16 scale of every Q4_0 block, 0.01 (0x211f): weights with a spread like a trained model's. */
    private static final short SCALE = 0x211f;

    private ShapedGguf() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp target/test-classes io.precis.testing.ShapedGguf OUT.gguf");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        List<String> tokens = new ArrayList<>(TinyGguf.buildVocab());
        for (int i = 0; tokens.size() < VOCAB; i++) {
            tokens.add(String.format("<dummy%06d>", i));
        }

        GgufWriter gguf = new GgufWriter()
                .str("general.architecture", "llama")
                .str("general.name", "random-qwen2.5-1.5b-shape-q4_0")
                .u32("general.alignment", 32)
                .u32("general.file_type", 2) // MOSTLY_Q4_0
                .u32("llama.context_length", CONTEXT)
                .u32("llama.embedding_length", EMBD)
                .u32("llama.block_count", LAYERS)
                .u32("llama.feed_forward_length", FF)
                .u32("llama.attention.head_count", HEADS)
                .u32("llama.attention.head_count_kv", KV_HEADS)
                .f32("llama.attention.layer_norm_rms_epsilon", 1e-6f)
                .u32("llama.rope.dimension_count", HEAD_DIM)
                .f32("llama.rope.freq_base", 1_000_000f)
                .u32("llama.vocab_size", VOCAB);
        // Qwen adds no BOS.
        TinyGguf.vocabulary(gguf, tokens, false);

        SplittableRandom random = new SplittableRandom(42);
        int kvDim = HEAD_DIM * KV_HEADS;
        // Tied embeddings: no output.weight, llama.cpp reuses token_embd for the output projection.
        quantized(gguf, "token_embd.weight", EMBD, VOCAB, random);
        gguf.tensor("output_norm.weight", new long[] {EMBD}, ones(EMBD));
        for (int i = 0; i < LAYERS; i++) {
            String p = "blk." + i + ".";
            gguf.tensor(p + "attn_norm.weight", new long[] {EMBD}, ones(EMBD));
            quantized(gguf, p + "attn_q.weight", EMBD, EMBD, random);
            quantized(gguf, p + "attn_k.weight", EMBD, kvDim, random);
            quantized(gguf, p + "attn_v.weight", EMBD, kvDim, random);
            quantized(gguf, p + "attn_output.weight", EMBD, EMBD, random);
            gguf.tensor(p + "ffn_norm.weight", new long[] {EMBD}, ones(EMBD));
            quantized(gguf, p + "ffn_gate.weight", EMBD, FF, random);
            quantized(gguf, p + "ffn_up.weight", EMBD, FF, random);
            quantized(gguf, p + "ffn_down.weight", FF, EMBD, random);
        }
        Files.createDirectories(out.getParent());
        gguf.write(out);
        System.out.printf("wrote %s: vocabulary %d, %d bytes%n", out, VOCAB, Files.size(out));
    }

    /** A Q4_0 matrix of random quants, every block with the same scale. */
    private static void quantized(GgufWriter gguf, String name, long inner, long outer, SplittableRandom random) {
        long blocks = inner * outer / 32;
        gguf.tensor(name, new long[] {inner, outer}, GgufWriter.Q4_0, file -> {
            byte[] chunk = new byte[GgufWriter.Q4_0_BLOCK_BYTES * 4096];
            for (long left = blocks; left > 0; ) {
                int n = (int) Math.min(left, 4096);
                random.nextBytes(chunk);
                for (int b = 0; b < n; b++) {
                    chunk[b * GgufWriter.Q4_0_BLOCK_BYTES] = (byte) SCALE;
                    chunk[b * GgufWriter.Q4_0_BLOCK_BYTES + 1] = (byte) (SCALE >> 8);
                }
                file.write(chunk, 0, n * GgufWriter.Q4_0_BLOCK_BYTES);
                left -= n;
            }
        });
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1.0f);
        return a;
    }
}
