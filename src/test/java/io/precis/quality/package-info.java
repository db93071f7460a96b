/**
 * Summary quality measured against a published benchmark: a ROUGE scorer, and the evaluation program
 * ({@link io.precis.quality.Evaluate}) that scores the packaged service's provider over HTTP, side by side with the
 * systems published with OrangeSum and the lead baselines. It is test code: the service's jar does not ship it.
 */
package io.precis.quality;
