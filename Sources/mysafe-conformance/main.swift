// The command line: parses arguments, calls the library, prints. No behaviour of its own.
import Foundation
import MySafeConformance

let arguments = Array(CommandLine.arguments.dropFirst())
let code = await CommandDispatcher.dispatch(arguments)
exit(code.rawValue)
