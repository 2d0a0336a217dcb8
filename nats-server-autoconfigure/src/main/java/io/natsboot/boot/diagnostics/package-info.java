/**
 * Start-up failures that name the property to change, and the FailureAnalyzers that explain them.
 */
@NullMarked
package io.natsboot.boot.diagnostics;

import org.jspecify.annotations.NullMarked;
