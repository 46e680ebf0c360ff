alias dlogs='docker logs -f'  # expect: DS601
alias k='kubectl'
alias crictl-ps='crictl ps'
