package io.precis.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a tiny, random-weight, llama-architecture GGUF v3 model (F32, ~342 KB) that llama.cpp
 * (verified with de.kherud:llama:4.2.0, llama.cpp b4916) loads in milliseconds.
 *
 * <p>Shape: n_embd=64, 1 block, 4 heads (2 KV heads, head_dim 16), n_ff=112, context 2048,
 * SPM ("llama") vocabulary of {@link #VOCAB_SIZE} tokens: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;,
 * 256 byte-fallback tokens &lt;0x00&gt;..&lt;0xFF&gt;, &lt;|im_start|&gt;, &lt;|im_end|&gt;, then normal
 * pieces (▁, printable ASCII, ▁+letter, a few bigrams/words). EOS = &lt;|im_end|&gt;; ChatML template.
 *
 * <p>By default ({@code allowSpecialOutput=false}) the weights are rigged so that the model can never
 * sample a control token (so it never stops on EOS) nor a byte token (so output is always clean
 * printable ASCII and valid UTF-8): every generation runs to n_predict or a stop string, which
 * makes tests deterministic. Output text is noise.
 *
 * <p>Only depends on the JDK (Java 17). The tests write it at run time: model weights cannot be downloaded in CI.
 */
public final class TinyGguf {

    // ---- model shape ----
    public static final int N_EMBD = 64;
    public static final int N_LAYER = 1;
    public static final int N_HEAD = 4;
    public static final int N_HEAD_KV = 2;
    public static final int HEAD_DIM = N_EMBD / N_HEAD;
    public static final int N_FF = 112;
    public static final int N_CTX_TRAIN = 2048;
    public static final int VOCAB_SIZE = 384;

    // ---- fixed token ids ----
    public static final int UNK_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_S_ID = 2;          // "</s>"
    public static final int BYTE0_ID = 3;          // "<0x00>" ; "<0xNN>" = BYTE0_ID + NN
    public static final int IM_START_ID = 259;
    public static final int IM_END_ID = 260;       // tokenizer.ggml.eos_token_id
    public static final int FIRST_NORMAL_ID = 261;

    public static final String CHATML_TEMPLATE =
            "{% for message in messages %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    // token types (llama_token_type)
    private static final int TT_NORMAL = 1, TT_UNKNOWN = 2, TT_CONTROL = 3, TT_BYTE = 6;

    private static final String SPACE = "\u2581"; // SentencePiece word boundary "▁"

    private TinyGguf() {
    }

    /** Writes the model with control/byte tokens suppressed in the output (see class doc). */
    public static void write(Path file, long seed) throws IOException {
        write(file, seed, false);
    }

    /**
     * @param allowSpecialOutput if true, plain random weights: the model may emit &lt;|im_end|&gt; (EOS, stops
     *                           generation early) or byte tokens (possibly invalid UTF-8).
     */
    public static void write(Path file, long seed, boolean allowSpecialOutput) throws IOException {
        List<String> tokens = buildVocab();
        int nVocab = tokens.size();
        int[] types = tokenTypes(nVocab);

        GgufWriter gguf = new GgufWriter()
                .str("general.architecture", "llama")
                .str("general.name", "tiny-random-llama")
                .u32("general.alignment", 32)
                .u32("general.file_type", 0) // ALL_F32
                .u32("llama.context_length", N_CTX_TRAIN)
                .u32("llama.embedding_length", N_EMBD)
                .u32("llama.block_count", N_LAYER)
                .u32("llama.feed_forward_length", N_FF)
                .u32("llama.attention.head_count", N_HEAD)
                .u32("llama.attention.head_count_kv", N_HEAD_KV)
                .u32("llama.rope.dimension_count", HEAD_DIM)
                .f32("llama.rope.freq_base", 10000.0f)
                .f32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .u32("llama.vocab_size", nVocab);
        vocabulary(gguf, tokens, true);

        // ---------- tensors (dims are ne0 first, i.e. innermost/contiguous dimension first) ----------
        Random rnd = new Random(seed);
        int qDim = HEAD_DIM * N_HEAD, kvDim = HEAD_DIM * N_HEAD_KV;

        float[] embd = randn(rnd, N_EMBD * nVocab, 0.5f);
        float[] wo = randn(rnd, qDim * N_EMBD, 0.1f);
        float[] down = randn(rnd, N_FF * N_EMBD, 0.1f);
        float[] out = randn(rnd, N_EMBD * nVocab, 0.5f);
        if (!allowSpecialOutput) {
            // Residual-stream dim 0 is a constant "bias" channel: every embedding has +4 there, and
            // attn_output / ffn_down never write to it, so after the final RMSNorm it is always > 0.
            // output.weight puts -50 on that channel for tokens that must never be sampled.
            for (int v = 0; v < nVocab; v++) {
                embd[v * N_EMBD] = 4.0f;
                out[v * N_EMBD] = (types[v] == TT_NORMAL) ? 0.0f : -50.0f;
            }
            for (int j = 0; j < qDim; j++) wo[j] = 0.0f;    // row 0 (output dim 0) of attn_output
            for (int j = 0; j < N_FF; j++) down[j] = 0.0f;  // row 0 (output dim 0) of ffn_down
        }

        gguf.tensor("token_embd.weight", new long[]{N_EMBD, nVocab}, embd);
        for (int l = 0; l < N_LAYER; l++) {
            String p = "blk." + l + ".";
            gguf.tensor(p + "attn_norm.weight", new long[]{N_EMBD}, ones(N_EMBD));
            gguf.tensor(p + "attn_q.weight", new long[]{N_EMBD, qDim}, randn(rnd, N_EMBD * qDim, 0.2f));
            gguf.tensor(p + "attn_k.weight", new long[]{N_EMBD, kvDim}, randn(rnd, N_EMBD * kvDim, 0.2f));
            gguf.tensor(p + "attn_v.weight", new long[]{N_EMBD, kvDim}, randn(rnd, N_EMBD * kvDim, 0.2f));
            gguf.tensor(p + "attn_output.weight", new long[]{qDim, N_EMBD}, l == 0 ? wo : zeroRow0(randn(rnd, qDim * N_EMBD, 0.1f), qDim, allowSpecialOutput));
            gguf.tensor(p + "ffn_norm.weight", new long[]{N_EMBD}, ones(N_EMBD));
            gguf.tensor(p + "ffn_gate.weight", new long[]{N_EMBD, N_FF}, randn(rnd, N_EMBD * N_FF, 0.2f));
            gguf.tensor(p + "ffn_up.weight", new long[]{N_EMBD, N_FF}, randn(rnd, N_EMBD * N_FF, 0.2f));
            gguf.tensor(p + "ffn_down.weight", new long[]{N_FF, N_EMBD}, l == 0 ? down : zeroRow0(randn(rnd, N_FF * N_EMBD, 0.1f), N_FF, allowSpecialOutput));
        }
        gguf.tensor("output_norm.weight", new long[]{N_EMBD}, ones(N_EMBD));
        gguf.tensor("output.weight", new long[]{N_EMBD, nVocab}, out);
        gguf.write(file);
    }

    /**
     * Writes the tokenizer's metadata: these tokens (this class's vocabulary, possibly followed by more normal
     * tokens), their scores and types, the control tokens and the ChatML template.
     */
    static void vocabulary(GgufWriter gguf, List<String> tokens, boolean addBos) {
        int[] types = tokenTypes(tokens.size());
        float[] scores = new float[tokens.size()];
        for (int i = 0; i < scores.length; i++) {
            if (types[i] == TT_NORMAL) {
                // SPM merges the highest-scoring bigram first; prefer longer pieces.
                scores[i] = tokens.get(i).codePointCount(0, tokens.get(i).length()) * 1.0f - (i * 0.001f);
            }
        }
        gguf.str("tokenizer.ggml.model", "llama")
                .strArr("tokenizer.ggml.tokens", tokens)
                .f32Arr("tokenizer.ggml.scores", scores)
                .i32Arr("tokenizer.ggml.token_type", types)
                .u32("tokenizer.ggml.bos_token_id", BOS_ID)
                .u32("tokenizer.ggml.eos_token_id", IM_END_ID)
                .u32("tokenizer.ggml.unknown_token_id", UNK_ID)
                .u32("tokenizer.ggml.padding_token_id", UNK_ID)
                .bool("tokenizer.ggml.add_bos_token", addBos)
                .bool("tokenizer.ggml.add_eos_token", false)
                // false: no "▁" is prepended to the text / after each special token, so decode(encode(s)) == s
                .bool("tokenizer.ggml.add_space_prefix", false)
                .str("tokenizer.chat_template", CHATML_TEMPLATE);
    }

    private static int[] tokenTypes(int nVocab) {
        int[] types = new int[nVocab];
        for (int i = 0; i < nVocab; i++) {
            if (i == UNK_ID) types[i] = TT_UNKNOWN;
            else if (i == BOS_ID || i == EOS_S_ID || i == IM_START_ID || i == IM_END_ID) types[i] = TT_CONTROL;
            else if (i >= BYTE0_ID && i < BYTE0_ID + 256) types[i] = TT_BYTE;
            else types[i] = TT_NORMAL;
        }
        return types;
    }

    /** The vocabulary as written (index = token id). */
    public static List<String> buildVocab() {
        List<String> v = new ArrayList<>();
        v.add("<unk>");
        v.add("<s>");
        v.add("</s>");
        for (int b = 0; b < 256; b++) v.add(String.format("<0x%02X>", b)); // uppercase hex, as llama.cpp expects
        v.add("<|im_start|>");
        v.add("<|im_end|>");
        Set<String> normal = new LinkedHashSet<>();
        normal.add(SPACE);
        for (char c = 'a'; c <= 'z'; c++) normal.add(String.valueOf(c));
        for (char c = '0'; c <= '9'; c++) normal.add(String.valueOf(c));
        for (char c : ".,!?'-:".toCharArray()) normal.add(String.valueOf(c));
        for (char c = 'a'; c <= 'z'; c++) normal.add(SPACE + c);
        // multi-char pieces; SPM reaches a piece only through a chain of merges of pieces that exist
        String[] pieces = {"us", "use", "user", "sy", "sys", "syst", "syste", "system",
                "as", "ass", "assi", "assis", "assist", "assista", "assistan", "assistant",
                SPACE + "he", SPACE + "hel", SPACE + "hell", SPACE + "hello",
                SPACE + "wo", SPACE + "wor", SPACE + "worl", SPACE + "world",
                SPACE + "th", SPACE + "the", SPACE + "an", SPACE + "and", SPACE + "is", SPACE + "it",
                SPACE + "in", SPACE + "of", SPACE + "to", SPACE + "yo", SPACE + "you",
                "th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "es", "or", "te", "ed", "is", "it",
                "ar", "st", "to", "nt", "ng", "ha", "ou", "le", "ve", "me", "de", "ll", "the", "ing", "and",
                "ion", "ent"};
        for (String p : pieces) normal.add(p);
        int need = VOCAB_SIZE - v.size();
        List<String> n = new ArrayList<>(normal);
        if (n.size() < need) throw new IllegalStateException("not enough pieces: " + n.size() + " < " + need);
        v.addAll(n.subList(0, need));
        if (v.size() != VOCAB_SIZE) throw new IllegalStateException("vocab size " + v.size());
        return v;
    }

    // ---------------- helpers ----------------

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1.0f);
        return a;
    }

    private static float[] randn(Random r, int n, float std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * std);
        return a;
    }

    private static float[] zeroRow0(float[] w, int rowLen, boolean allow) {
        if (!allow) for (int j = 0; j < rowLen; j++) w[j] = 0.0f;
        return w;
    }
}
