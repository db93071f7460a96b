/**
 * Summary quality measured against a published benchmark: a ROUGE scorer and the evaluation command that scores the
 * configured provider, the systems published with OrangeSum and the lead baselines side by side.
 */
package io.precis.quality;
