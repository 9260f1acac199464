/**
 * The picocli command line: one command class per subcommand, the options they share, JSON and table output, and
 * the error handler that turns user errors into one line on stderr and exit 2.
 */
package org.distrocompat.api.cli;
