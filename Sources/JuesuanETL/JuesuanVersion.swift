/// The version `--version` prints and the warehouse records beside each check it ran.
public let juesuanVersion = "0.1.0"
