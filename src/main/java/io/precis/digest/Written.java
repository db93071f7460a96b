package io.precis.digest;

import io.precis.llm.Generation;

/**
 * A result as a computation wrote it.
 *
 * @param generation  the text and what it cost
 * @param calledModel whether the model was called for it, or it was assembled from cached pieces
 */
record Written(Generation generation, boolean calledModel) {
}
