alias docker=nerdctl
alias dps='nerdctl ps'
