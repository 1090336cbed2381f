import CaseConsultantCLI
import Foundation

exit(CommandLineTool.main(CommandLine.arguments))
