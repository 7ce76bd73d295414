extension Terminal {
    /// A numbered list on standard error and `Enter a number [1]: ` until the answer is one of them; an empty
    /// answer picks the first. Returns the index chosen, or `nil` at end of input (or with nothing to choose from).
    public func choose(_ title: String, from labels: [String]) -> Int? {
        guard !labels.isEmpty else { return nil }
        printError(title)
        for (index, label) in labels.enumerated() {
            printError("  \(index + 1)) \(label)")
        }
        while true {
            write("Enter a number [1]: ", to: .standardError)
            guard let answer = readLine()?.trimmingWhitespace() else {
                write("\n", to: .standardError)
                return nil
            }
            if answer.isEmpty { return 0 }
            if let number = Int(answer), labels.indices.contains(number - 1) { return number - 1 }
            printError(styled("Please enter a number between 1 and \(labels.count)", .red))
        }
    }
}
